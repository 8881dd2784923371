// Touch gestures (tap, long press, horizontal swipe, vertical scroll with momentum) from timestamped
// pointer samples, as a small state machine driven by the caller's clock (seconds as a double), so
// tests use a fake one. Touch panels reach GLFW as a mouse; ImGui samples the pointer once a frame,
// too coarse for a flick, so the platform layer feeds every callback here with its own timestamp.
// Samples are in logical page pixels (screen rotation is already undone); thresholds are in
// millimetres so a gesture takes the same finger movement on a 10" panel and a 65" screen.
#pragma once

#include <deque>
#include <optional>
#include <vector>

namespace wb
{

struct PointerSample
{
    double t;   // seconds, the caller's clock; never decreasing
    float x, y; // logical page pixels
    bool down;  // button or touch held; the first down sample of a touch is the press
};

struct GestureConfig
{
    float px_per_mm = 2.0f;            // logical pixels per mm (helpers below); 2.0 is a 43" 1080p TV
    float tap_slop_mm = 4.0f;          // movement still counted as holding still (tap, long press)
    double long_press_s = 0.6;         // held still this long fires a long press
    float swipe_min_mm = 20.0f;        // horizontal travel for a swipe, down to up
    float swipe_min_speed_mm_s = 100;  // average horizontal speed for a swipe
    double swipe_max_s = 0.6;          // a slower stroke is not a swipe
    float drag_start_mm = 4.0f;        // vertical travel (twice the horizontal) that starts a scroll
    double velocity_window_s = 0.1;    // release velocity is fitted over this much of the drag
    float momentum_decay_per_s = 3.0f; // momentum speed falls by e each 1/this s (halves in 0.23 s)
    float momentum_stop_mm_s = 10.0f;  // momentum ends below this speed; slower releases have none
};

enum class GestureKind
{
    Tap,
    LongPress,
    SwipeLeft,  // the finger moved left
    SwipeRight, // the finger moved right
    ScrollBy,   // `dy` more pixels of finger (or momentum) movement, positive downwards
};

struct Gesture
{
    GestureKind kind;
    float x, y;   // where the touch went down, to hit-test the widget the gesture belongs to
    float dy = 0; // ScrollBy only: content follows the finger, so a list's offset changes by -dy
};

class GestureRecogniser
{
  public:
    explicit GestureRecogniser(GestureConfig config);

    // One pointer callback (press, move, release, or a hover move, which is ignored). A press while
    // momentum runs stops it, and the release of that touch is not a tap.
    std::vector<Gesture> Feed(const PointerSample& sample);

    // Call every frame: fires the long press when it is due, and moves momentum on to `now`.
    std::vector<Gesture> Tick(double now);

    // A finger is down or momentum is running: the caller keeps drawing frames and calling Tick.
    bool Active() const;

    // When Tick must next be called: the long-press time while a finger is held still; during
    // momentum the last time seen (already due: keep frames coming); empty when nothing is pending.
    std::optional<double> NextDeadline() const;

  private:
    enum class State
    {
        Idle,      // no finger down, nothing moving
        Pending,   // down and still within the tap slop: a tap or long press so far
        Held,      // the long press fired; the rest of this touch is ignored
        Moving,    // left the slop but not (yet) a scroll: a swipe if the release says so
        Scrolling, // a vertical drag; reports ScrollBy as it moves
        Momentum,  // released from a scroll; Tick reports ScrollBy until it slows to a stop
    };
    struct TimedPoint
    {
        double t;
        float x, y;
    };

    void FireLongPressIfDue(double now, std::vector<Gesture>& out);
    void Move(const TimedPoint& point, std::vector<Gesture>& out);
    void Release(const TimedPoint& point, std::vector<Gesture>& out);
    float ReleaseVelocity() const; // px/s, vertical, fitted over the velocity window
    double MomentumOffset(double since_release_s) const;

    GestureConfig m_config;
    float m_slop_px, m_swipe_min_px, m_swipe_min_speed_px_s, m_drag_start_px, m_stop_px_s;
    State m_state = State::Idle;
    double m_last_t = 0;
    TimedPoint m_down{};
    bool m_caught_momentum = false;  // this touch stopped momentum, so it is not a tap
    float m_scroll_y = 0;            // finger y last reported in a ScrollBy
    std::deque<TimedPoint> m_recent; // the drag's samples over the velocity window, and one before
    double m_release_t = 0;          // momentum: release time, speed then, when it ends, last reported
    float m_release_v = 0;
    double m_stop_t = 0;
    double m_reported_t = 0;
};

// Pixels per mm of a screen of `width_px` x `height_px` square pixels with this diagonal in inches
// (for a size given in the configuration).
float PixelsPerMmFromDiagonal(int width_px, int height_px, float diagonal_in);

// Pixels per mm from a monitor's reported physical size (glfwGetMonitorPhysicalSize). Empty when the
// size is implausible: zero, an aspect ratio reported as millimetres (16 x 9), or the two axes
// disagreeing, all of which EDID data on TVs is known to do. The caller falls back to configuration.
std::optional<float> PixelsPerMmFromPhysicalSize(int width_px, int height_px, int width_mm, int height_mm);

} // namespace wb
