// Touch gesture recognition.
#include "core/gesture.h"

#include <algorithm>
#include <cmath>

namespace wb
{

namespace
{

constexpr float kMmPerInch = 25.4f;
constexpr float kDefaultPxPerMm = GestureConfig{}.px_per_mm;

Gesture At(GestureKind kind, float x, float y, float dy = 0)
{
    return Gesture{kind, x, y, dy};
}

} // namespace

GestureRecogniser::GestureRecogniser(GestureConfig config) : m_config(config)
{
    // A bad figure must not make every touch a drag, nor momentum run for ever.
    if (!(m_config.px_per_mm > 0))
        m_config.px_per_mm = kDefaultPxPerMm;
    m_config.momentum_decay_per_s = std::max(m_config.momentum_decay_per_s, 0.5f);
    m_config.momentum_stop_mm_s = std::max(m_config.momentum_stop_mm_s, 1.0f);
    m_config.velocity_window_s = std::max(m_config.velocity_window_s, 0.0);

    const float ppm = m_config.px_per_mm;
    m_slop_px = m_config.tap_slop_mm * ppm;
    m_swipe_min_px = m_config.swipe_min_mm * ppm;
    m_swipe_min_speed_px_s = m_config.swipe_min_speed_mm_s * ppm;
    m_drag_start_px = m_config.drag_start_mm * ppm;
    m_stop_px_s = m_config.momentum_stop_mm_s * ppm;
}

std::vector<Gesture> GestureRecogniser::Feed(const PointerSample& sample)
{
    std::vector<Gesture> out;
    m_last_t = std::max(m_last_t, sample.t);
    const TimedPoint point{m_last_t, sample.x, sample.y};
    // A late sample may be the first news that the finger was held long enough.
    FireLongPressIfDue(point.t, out);

    const bool finger_down = m_state != State::Idle && m_state != State::Momentum;
    if (sample.down && !finger_down)
    {
        m_caught_momentum = m_state == State::Momentum;
        m_state = State::Pending;
        m_down = point;
        m_recent.assign(1, point);
    }
    else if (sample.down)
    {
        Move(point, out);
    }
    else if (finger_down)
    {
        Move(point, out);
        Release(point, out);
    }
    // A move with nothing held is a hover: nothing to recognise.
    return out;
}

std::vector<Gesture> GestureRecogniser::Tick(double now)
{
    std::vector<Gesture> out;
    m_last_t = std::max(m_last_t, now);
    FireLongPressIfDue(m_last_t, out);
    if (m_state != State::Momentum)
        return out;

    const double until = std::min(m_last_t, m_stop_t);
    const double dy = MomentumOffset(until - m_release_t) - MomentumOffset(m_reported_t - m_release_t);
    m_reported_t = until;
    if (dy != 0)
        out.push_back(At(GestureKind::ScrollBy, m_down.x, m_down.y, static_cast<float>(dy)));
    if (m_last_t >= m_stop_t)
        m_state = State::Idle;
    return out;
}

bool GestureRecogniser::Active() const
{
    return m_state != State::Idle;
}

std::optional<double> GestureRecogniser::NextDeadline() const
{
    if (m_state == State::Pending)
        return m_down.t + m_config.long_press_s;
    if (m_state == State::Momentum)
        return m_last_t;
    return std::nullopt;
}

void GestureRecogniser::FireLongPressIfDue(double now, std::vector<Gesture>& out)
{
    // The same sum as NextDeadline(), so a loop that sleeps until exactly then finds it due.
    if (m_state == State::Pending && now >= m_down.t + m_config.long_press_s)
    {
        out.push_back(At(GestureKind::LongPress, m_down.x, m_down.y));
        m_state = State::Held;
    }
}

void GestureRecogniser::Move(const TimedPoint& point, std::vector<Gesture>& out)
{
    m_recent.push_back(point);
    // Keep the window and the one sample just before it, so a drag that paused still has two.
    while (m_recent.size() > 2 && m_recent[1].t <= point.t - m_config.velocity_window_s)
        m_recent.pop_front();

    const float dx = point.x - m_down.x;
    const float dy = point.y - m_down.y;
    if (m_state == State::Pending && std::hypot(dx, dy) > m_slop_px)
        m_state = State::Moving;
    if (m_state == State::Moving && std::abs(dy) >= m_drag_start_px && std::abs(dy) > 2 * std::abs(dx))
    {
        // Report the whole travel so far, so the content stays under the finger.
        m_state = State::Scrolling;
        m_scroll_y = m_down.y;
    }
    if (m_state == State::Scrolling && point.y != m_scroll_y)
    {
        out.push_back(At(GestureKind::ScrollBy, m_down.x, m_down.y, point.y - m_scroll_y));
        m_scroll_y = point.y;
    }
}

void GestureRecogniser::Release(const TimedPoint& point, std::vector<Gesture>& out)
{
    const double held_s = point.t - m_down.t;
    const float dx = point.x - m_down.x;
    const float dy = point.y - m_down.y;
    const State state = m_state;
    m_state = State::Idle;
    switch (state)
    {
    case State::Pending:
        if (!m_caught_momentum && point.t < m_down.t + m_config.long_press_s)
            out.push_back(At(GestureKind::Tap, m_down.x, m_down.y));
        break;
    case State::Moving:
        if (held_s <= m_config.swipe_max_s && std::abs(dx) >= m_swipe_min_px &&
            std::abs(dx) > 2 * std::abs(dy) && std::abs(dx) >= m_swipe_min_speed_px_s * held_s)
            out.push_back(At(dx < 0 ? GestureKind::SwipeLeft : GestureKind::SwipeRight, m_down.x, m_down.y));
        break;
    case State::Scrolling:
    {
        const float v = ReleaseVelocity();
        if (std::abs(v) > m_stop_px_s)
        {
            m_state = State::Momentum;
            m_release_t = point.t;
            m_release_v = v;
            m_reported_t = point.t;
            m_stop_t = point.t + std::log(std::abs(v) / m_stop_px_s) / m_config.momentum_decay_per_s;
        }
        break;
    }
    case State::Idle:
    case State::Held:
    case State::Momentum:
        break;
    }
}

float GestureRecogniser::ReleaseVelocity() const
{
    // A least-squares slope over the window: one jittery sample from the panel moves it little.
    if (m_recent.size() < 2)
        return 0;
    const double t0 = m_recent.back().t;
    double mean_t = 0, mean_y = 0;
    for (const TimedPoint& p : m_recent)
    {
        mean_t += p.t - t0;
        mean_y += p.y;
    }
    mean_t /= static_cast<double>(m_recent.size());
    mean_y /= static_cast<double>(m_recent.size());
    double covariance = 0, variance = 0;
    for (const TimedPoint& p : m_recent)
    {
        covariance += (p.t - t0 - mean_t) * (p.y - mean_y);
        variance += (p.t - t0 - mean_t) * (p.t - t0 - mean_t);
    }
    return variance > 0 ? static_cast<float>(covariance / variance) : 0.0f;
}

double GestureRecogniser::MomentumOffset(double since_release_s) const
{
    // Speed v0 * e^(-k t) integrates to v0 / k * (1 - e^(-k t)): finite however long it runs.
    const double k = m_config.momentum_decay_per_s;
    return m_release_v / k * (1.0 - std::exp(-k * since_release_s));
}

float PixelsPerMmFromDiagonal(int width_px, int height_px, float diagonal_in)
{
    const double diagonal_px = std::hypot(static_cast<double>(width_px), static_cast<double>(height_px));
    return static_cast<float>(diagonal_px / (diagonal_in * kMmPerInch));
}

std::optional<float> PixelsPerMmFromPhysicalSize(int width_px, int height_px, int width_mm, int height_mm)
{
    if (width_px <= 0 || height_px <= 0 || width_mm <= 0 || height_mm <= 0)
        return std::nullopt;
    const float across = static_cast<float>(width_px) / static_cast<float>(width_mm);
    const float down = static_cast<float>(height_px) / static_cast<float>(height_mm);
    // From a 100" 1080p screen (under 1 px/mm) to a small high-density panel (about 16).
    const bool plausible = across >= 0.5f && across <= 25.0f && std::abs(across - down) <= 0.15f * across;
    if (!plausible)
        return std::nullopt;
    return (across + down) / 2;
}

} // namespace wb
