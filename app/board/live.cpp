// The board on the wall (board.h): a frame when something changed (new data, a page change, the minute,
// input, the cue) and a few after input, otherwise asleep until the next deadline (core/frame_pacing.h).
// Between page changes a frame redraws only the strip's rectangle. The whole frame moves a few pixels every
// ten minutes (burn-in care, core/burn_in.h); a touch is moved back before it is hit-tested.
#include "board/board.h"
#include "board/frame.h"
#include "board/screen_schedule.h"
#include "core/frame_pacing.h"
#include "core/gesture.h"
#include "io/service_notify.h"
#include "platform/window.h"
#include "widgets/frame_shift.h"

#include <algorithm>

namespace wb::board
{
namespace
{

// What a desk key does: arrows for the next or previous page, space to hold a page, Escape for back.
void ApplyKey(platform::Key key, Navigation& navigation, double now)
{
    switch (key)
    {
    case platform::Key::Left:
        navigation.Previous(now);
        break;
    case platform::Key::Right:
        navigation.Next(now);
        break;
    case platform::Key::Space:
        navigation.TogglePause(now);
        break;
    case platform::Key::Escape:
        navigation.Back(now);
        break;
    case platform::Key::Home:
        navigation.Home(now);
        break;
    }
}

// Touch and keys: every pointer sample since the last frame, stamped as it came, on the page as laid out
// (the frame on the screen is moved by `shift`). True when any arrived.
bool TakeInput(platform::Window& window, GestureRecogniser& gestures, BoardFrame& frame, double now,
               PixelShift shift)
{
    bool input = false;
    for (PointerSample sample : window.TakePointerSamples())
    {
        const ImVec2 on_page = widgets::ShiftBack(ImVec2(sample.x, sample.y), shift);
        sample.x = on_page.x;
        sample.y = on_page.y;
        for (const Gesture& gesture : gestures.Feed(sample))
            input = frame.GetScreen().Apply(gesture, frame.GetNavigation(), now) || input;
    }
    for (const Gesture& gesture : gestures.Tick(platform::Window::Now()))
        input = frame.GetScreen().Apply(gesture, frame.GetNavigation(), now) || input;
    for (const platform::Key key : window.TakeKeys())
    {
        ApplyKey(key, frame.GetNavigation(), now);
        input = true;
    }
    return input;
}

// Off hours: the dim notice (its first frame, and once a minute where the display stays on), then the
// display switched off; asleep until office hours, a touch (true: wake now) or the watchdog's ping.
bool RunOffHours(platform::Window& window, BoardFrame& frame, ScreenSchedule& schedule,
                 const BoardOptions& options, io::ServiceNotifier& notifier, RunStats& stats,
                 std::int64_t epoch, double now)
{
    const bool touched = !window.TakePointerSamples().empty();
    if (!window.TakeKeys().empty() || touched)
    {
        schedule.Touched(now, options.idle_resume_s);
        return true;
    }
    if (schedule.NoticeDue(epoch))
    {
        window.BeginFrame();
        frame.Relayout(now);
        frame.DrawOffNotice(schedule.Words(), epoch);
        if (std::string error = window.EndFrame(); !error.empty())
            Log(error);
        schedule.NoticeDrawn(epoch);
        ++stats.frames;
        notifier.Ready();
    }
    if (schedule.SwitchPending())
        schedule.SwitchOff(options.display_off, stats.frames);
    const double after = Seconds();
    notifier.KeepAlive(after);
    WakeDeadlines deadlines;
    // The notice moves on each minute; a dark screen has no clock to keep.
    deadlines.to_minute =
        schedule.Mode() == ScreenMode::Notice ? 60.0 - static_cast<double>(epoch % 60) : 86400.0;
    deadlines.schedule = schedule.SecondsToChange(epoch, now);
    deadlines.keep_alive = notifier.SecondsUntilKeepAlive(after);
    window.WaitEvents(NextWake(deadlines).seconds);
    return false;
}

} // namespace

int RunLiveBoard(platform::Window& window, io::Sync& sync, const BoardOptions& options, RunStats stats,
                 io::ServiceNotifier& notifier, const std::atomic<bool>& stop)
{
    // The profile main() applied (read before the sync thread can replace it); a new one from the sync
    // changes the options within one refresh.
    std::shared_ptr<const ScreenProfiles> applied = sync.Profiles();
    sync.Start();
    BoardFrame frame(window, options, Seconds());
    Navigation& navigation = frame.GetNavigation();
    GestureConfig gesture_config;
    gesture_config.px_per_mm = window.PixelsPerMm();
    GestureRecogniser gestures(gesture_config);

    int frames_left = 3;    // frames still to draw before sleeping
    std::string last_view;  // what the status file and systemd were last told is shown
    PageState drawn_page;   // what the last frame showed above the strip
    bool page_dirty = true; // input, or a frame since it: the whole screen is drawn
    ScreenSchedule schedule;
    while (!window.ShouldClose() && !stop)
    {
        const double now = Seconds();
        const std::int64_t epoch = EpochSeconds();
        if (auto profiles = sync.Profiles(); profiles != applied)
        {
            applied = std::move(profiles);
            const BoardOptions profiled = WithProfile(options, applied.get());
            frame.SetOptions(profiled, now);
            window.SetViewingDistance(profiled.viewing_distance_cm);
            const std::string name = ChooseProfile(applied.get(), options.local.config.screen_id).name;
            Log(name.empty() ? "no screen profiles published: this board's own settings apply"
                             : "screen profile \"" + name + "\" applied");
        }
        const BoardOptions& current = frame.Options(); // the profile's settings over the defaults
        const std::int64_t office_clock = epoch + current.clock_offset_s; // the `clock` setting moves it
        const Date today = current.today ? *current.today : LocalDate(epoch);
        if (frame.Update(sync.CurrentBoard(), today, now))
            frames_left = 3;
        if (schedule.Update(current.office_hours, office_clock, now, sync, stats.frames) != ScreenMode::On)
        {
            if (RunOffHours(window, frame, schedule, current, notifier, stats, office_clock, now))
            {
                frames_left = 3; // woken by a touch: the whole page, at once
                page_dirty = true;
            }
            continue;
        }

        // A page change needs one frame (pages are draw lists, sized as they are drawn); input gets a few,
        // for what follows a touch.
        const bool input = TakeInput(window, gestures, frame, now, frame.Shift(epoch));
        if (input)
        {
            frames_left = std::max(frames_left, 3);
            schedule.Touched(now, current.idle_resume_s); // in off hours, awake for longer
        }
        else if (navigation.Update(now))
            frames_left = std::max(frames_left, 1);
        if (auto hash = frame.GetScreen().TakeComparisonRequest())
            sync.CompareWith(*hash); // the comparison arrives as new board data, with a wake
        if (frame.GetScreen().ExitRequested())
        {
            Log("closed from the screen with the admin PIN");
            break;
        }
        if (const std::string shown = navigation.StatusView(); shown != last_view)
        {
            last_view = shown;
            sync.SetView(shown);
        }

        const io::SyncStatus status = sync.Status();
        const FrameWords words = frame.Words(now, epoch, today, status, true);
        // systemctl status: the strip's words; nothing is built unless they, the state or the view changed.
        notifier.UpdateStatus(
            status.state, last_view, words.freshness.Headline(),
            [&] { return frame.HasData() ? frame.GetScreen().Title(navigation.Current()) : ""; });

        window.BeginFrame();
        if (frame.Relayout(now))
            frames_left = 3;
        // Only the strip moved on (the countdown, the progress bar, the sync time): redraw its rectangle.
        const PixelShift shift = frame.Shift(epoch); // after Relayout: the screen's size as drawn
        const PageState page = frame.State(last_view, words.context.clock, window.FontGeneration(), shift);
        // The admin keypad is drawn whole: its lockout's words count down.
        const bool strip_only =
            !input && !page_dirty && page == drawn_page && !frame.GetScreen().KeypadOpen();
        page_dirty = input || gestures.Active() || frames_left > 1;
        drawn_page = page;
        std::optional<platform::PageRect> only;
        if (strip_only)
        {
            const float width = static_cast<float>(window.Width()),
                        height = static_cast<float>(window.Height());
            const float dy = static_cast<float>(shift.y); // the strip where the shifted frame has it
            only = platform::PageRect{0, height - frame.StripHeight() + dy, width, height + dy};
        }
        stats.draw_ms_max = std::max(stats.draw_ms_max, frame.Draw(words.context, now, shift));
        if (std::string error = window.EndFrame({}, only); !error.empty())
        {
            Log(error);
            return kExitFailure;
        }
        ++stats.frames;
        // A frame reached the screen: the board is up, and its render loop is alive. A loop stuck in the
        // GL driver never gets here, so systemd stops hearing from it and restarts the board.
        notifier.Ready();
        notifier.KeepAlive(Seconds());
        if (frame.HasData() && stats.first_frame_ms < 0)
            stats.first_frame_ms = (Seconds() - options.started) * 1000.0;
        // A finger on the glass or a list still coasting: keep drawing.
        if (gestures.Active())
            frames_left = std::max(frames_left, 2);
        if (--frames_left > 0)
        {
            window.WaitEvents(gestures.Active() ? 1.0 / 60.0 : 0.0);
            continue;
        }
        // Asleep until the next deadline, or a wake (new data, input, a signal).
        const double after = Seconds();
        WakeDeadlines deadlines;
        deadlines.to_minute = 60.0 - static_cast<double>(epoch % 60);
        if (auto next = navigation.NextDeadline(after))
            deadlines.navigation = *next - after;
        deadlines.cue_counting = navigation.GetRotation().SecondsToNext(after) && !navigation.Paused();
        deadlines.resume_counting = navigation.SecondsToResume(after).has_value();
        if (auto long_press = gestures.NextDeadline())
            deadlines.long_press = *long_press - platform::Window::Now();
        deadlines.cursor_hides = window.SecondsUntilCursorHides();
        deadlines.keep_alive = notifier.SecondsUntilKeepAlive(after); // an idle board still draws and pings
        if (auto keypad = frame.GetScreen().NextDeadline(after))      // the lockout's wait counts down
            deadlines.other = *keypad - after;
        deadlines.schedule = schedule.SecondsToChange(office_clock, now);
        if (options.burn_in_shift) // the frame's next position (on a minute, so the clock's wake has it too)
            deadlines.burn_in = static_cast<double>(SecondsToNextShift(epoch));
        window.WaitEvents(NextWake(deadlines).seconds);
        frames_left = 1;
    }
    notifier.Stopping();
    if (options.stats)
        LogStats(stats);
    return kExitOk;
}

} // namespace wb::board
