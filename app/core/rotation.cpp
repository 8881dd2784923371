// Playlist rotation.
#include "core/rotation.h"

#include <algorithm>
#include <charconv>

namespace wb
{

std::string PartPageId(const std::string& id, int part)
{
    return part <= 0 ? id : id + "." + std::to_string(part + 1);
}

PagePart SplitPageId(const std::string& page_id)
{
    const size_t dot = page_id.rfind('.');
    int number = 0;
    if (dot == std::string::npos || dot + 1 == page_id.size())
        return {page_id, 0};
    const char* end = page_id.data() + page_id.size();
    const auto [stop, error] = std::from_chars(page_id.data() + dot + 1, end, number);
    if (error != std::errc() || stop != end || number < 2)
        return {page_id, 0};
    return {page_id.substr(0, dot), number - 1};
}

std::vector<PlaylistEntry> ExpandPlaylist(const std::vector<PlaylistEntry>& configured,
                                          const std::vector<std::string>& available, double default_dwell_s,
                                          const std::function<int(const std::string&)>& parts_of,
                                          std::vector<std::string>* missing)
{
    std::vector<PlaylistEntry> wanted = configured;
    if (wanted.empty())
    {
        for (const std::string& id : available)
            wanted.push_back({id, default_dwell_s});
    }
    std::vector<PlaylistEntry> entries;
    for (const PlaylistEntry& page : wanted)
    {
        const double dwell = page.dwell_s > 0 ? page.dwell_s : default_dwell_s;
        if (std::find(available.begin(), available.end(), page.page_id) == available.end())
        {
            if (missing)
                missing->push_back(page.page_id);
            entries.push_back({page.page_id, dwell}); // in its place: the page says what is wrong
            continue;
        }
        const int parts = std::max(1, parts_of(page.page_id));
        for (int part = 0; part < parts; ++part)
            entries.push_back({PartPageId(page.page_id, part), dwell});
    }
    return entries;
}

Rotation::Rotation(std::vector<PlaylistEntry> entries, double now)
    : m_entries(std::move(entries)), m_started(now)
{
    if (m_entries.empty())
        m_entries.push_back({"overview", 20.0});
    for (PlaylistEntry& entry : m_entries)
        entry.dwell_s = std::max(entry.dwell_s, 1.0);
}

void Rotation::Replace(std::vector<PlaylistEntry> entries, double now)
{
    const std::string shown = CurrentPage();
    const bool pinned = m_pinned;
    const double started = m_started;
    *this = Rotation(std::move(entries), now);
    const auto found = std::find_if(m_entries.begin(), m_entries.end(),
                                    [&](const PlaylistEntry& e) { return e.page_id == shown; });
    if (pinned)
        Pin(shown);
    else if (found != m_entries.end())
    {
        m_index = static_cast<size_t>(found - m_entries.begin());
        m_started = started; // the page keeps the time it has had
    }
}

void Rotation::Pin(const std::string& page_id)
{
    const auto found = std::find_if(m_entries.begin(), m_entries.end(),
                                    [&](const PlaylistEntry& e) { return e.page_id == page_id; });
    m_index = static_cast<size_t>(found - m_entries.begin()); // == size() when not in the playlist
    if (m_index == m_entries.size())
        m_entries.push_back({page_id, 20.0});
    m_pinned = true;
}

void Rotation::Unpin(double now)
{
    m_pinned = false;
    m_started = now;
}

bool Rotation::Update(double now)
{
    if (m_pinned || m_entries.size() < 2)
        return false;
    bool changed = false;
    while (now - m_started >= m_entries[m_index].dwell_s)
    {
        m_started += m_entries[m_index].dwell_s;
        m_index = (m_index + 1) % m_entries.size();
        changed = true;
    }
    return changed;
}

void Rotation::Restart(double now)
{
    m_started = now;
}

bool Rotation::Show(const std::string& page_id, double now)
{
    for (size_t step = 0; step < m_entries.size(); ++step)
    {
        const size_t index = (m_index + step) % m_entries.size();
        if (m_entries[index].page_id == page_id)
        {
            m_index = index;
            m_started = now;
            return true;
        }
    }
    return false;
}

void Rotation::ShowFirst(double now)
{
    m_index = 0;
    m_started = now;
}

void Rotation::Next(double now)
{
    m_index = (m_index + 1) % m_entries.size();
    m_started = now;
}

void Rotation::Previous(double now)
{
    m_index = (m_index + m_entries.size() - 1) % m_entries.size();
    m_started = now;
}

const std::string& Rotation::CurrentPage() const
{
    return m_entries[m_index].page_id;
}

const std::string& Rotation::UpcomingPage() const
{
    return m_entries[(m_index + 1) % m_entries.size()].page_id;
}

double Rotation::Progress(double now) const
{
    if (m_pinned || m_entries.size() < 2)
        return 0.0;
    return std::clamp((now - m_started) / m_entries[m_index].dwell_s, 0.0, 1.0);
}

std::optional<double> Rotation::SecondsToNext(double now) const
{
    if (m_pinned || m_entries.size() < 2)
        return std::nullopt;
    return std::max(0.0, m_started + m_entries[m_index].dwell_s - now);
}

} // namespace wb
