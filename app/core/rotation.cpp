// Playlist rotation.
#include "core/rotation.h"

#include <algorithm>

namespace wb
{

Rotation::Rotation(std::vector<PlaylistEntry> entries, double now)
    : m_entries(std::move(entries)), m_started(now)
{
    if (m_entries.empty())
        m_entries.push_back({"overview", 20.0});
    for (PlaylistEntry& entry : m_entries)
        entry.dwell_s = std::max(entry.dwell_s, 1.0);
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
