// Touch and key navigation over the playlist rotation.
#include "core/navigation.h"

#include <string_view>

#include <algorithm>

namespace wb
{

namespace
{

// A pinned rotation is pinned again on the page; otherwise the page is shown (when the playlist has it)
// with its dwell restarted.
void ShowPage(Rotation& rotation, const std::string& page_id, double now)
{
    if (rotation.Pinned())
        rotation.Pin(page_id);
    else if (!rotation.Show(page_id, now))
        rotation.Restart(now);
}

} // namespace

Navigation::Navigation(std::vector<PlaylistEntry> entries, double now, NavigationOptions options)
    : m_rotation(std::move(entries), now), m_options(std::move(options))
{
}

void Navigation::Touched(double now)
{
    m_touched = true;
    m_last_touch = now;
}

void Navigation::Open(const View& view, double now)
{
    Touched(now);
    if (view != Current())
        m_stack.push_back(view);
}

void Navigation::Back(double now)
{
    Touched(now);
    if (!m_stack.empty())
        m_stack.pop_back();
}

void Navigation::Next(double now)
{
    Touched(now);
    m_stack.clear();
    m_rotation.Next(now);
}

void Navigation::Previous(double now)
{
    Touched(now);
    m_stack.clear();
    m_rotation.Previous(now);
}

void Navigation::TogglePause(double now)
{
    if (m_held)
        Resume(now);
    else
        m_held = true;
}

void Navigation::Home(double now)
{
    m_stack.clear();
    m_held = m_touched = false;
    if (!m_options.pinned_page.empty())
        return ShowPage(m_rotation, m_options.pinned_page, now);
    m_rotation.ShowFirst(now);
}

void Navigation::Resume(double now)
{
    m_stack.clear();
    m_held = m_touched = false;
    if (!m_options.pinned_page.empty())
        ShowPage(m_rotation, m_options.pinned_page, now);
    else
        m_rotation.Restart(now);
}

bool Navigation::Update(double now)
{
    if (m_held)
        return false;
    if (m_touched)
    {
        const double resume_at = m_last_touch + m_options.idle_timeout_s;
        if (now < resume_at)
            return false;
        // The rotation resumes when the timeout ran out, so a board that slept past it lands where the
        // clock says.
        Resume(resume_at);
        m_rotation.Update(now);
        return true;
    }
    return m_rotation.Update(now);
}

View Navigation::Current() const
{
    return m_stack.empty() ? View{ViewKind::Page, m_rotation.CurrentPage()} : m_stack.back();
}

std::optional<View> ParseDetailView(const std::string& text)
{
    static const std::pair<const char*, ViewKind> kPrefixes[] = {{"indicator:", ViewKind::Indicator},
                                                                 {"action:", ViewKind::Action},
                                                                 {"actions:", ViewKind::Actions},
                                                                 {"indicators:", ViewKind::Indicators},
                                                                 {"changes:", ViewKind::Changes}};
    if (text == "changes")
        return View{ViewKind::Changes, ""};
    for (const auto& [prefix, kind] : kPrefixes)
        if (text.starts_with(prefix) &&
            (text.size() > std::string_view(prefix).size() || kind != ViewKind::Changes))
            return View{kind, text.substr(std::string_view(prefix).size())};
    return std::nullopt;
}

std::string Navigation::StatusView() const
{
    const View view = Current();
    switch (view.kind)
    {
    case ViewKind::Page:
        return view.id;
    case ViewKind::Indicator:
        return "indicator:" + view.id;
    case ViewKind::Action:
        return "action:" + view.id;
    case ViewKind::Actions:
        return "actions:" + view.id;
    case ViewKind::Indicators:
        return "indicators:" + view.id;
    case ViewKind::Changes:
        return view.id.empty() ? "changes" : "changes:" + view.id;
    }
    return view.id;
}

std::optional<double> Navigation::SecondsToResume(double now) const
{
    if (m_held || !m_touched)
        return std::nullopt;
    return std::max(0.0, m_last_touch + m_options.idle_timeout_s - now);
}

std::optional<double> Navigation::NextDeadline(double now) const
{
    if (m_held)
        return std::nullopt;
    if (m_touched)
        return m_last_touch + m_options.idle_timeout_s;
    if (const auto next = m_rotation.SecondsToNext(now))
        return now + *next;
    return std::nullopt;
}

void Navigation::DropViews(const std::function<bool(const View&)>& gone)
{
    std::erase_if(m_stack, gone);
}

} // namespace wb
