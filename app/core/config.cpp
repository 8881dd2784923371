// Loading and checking the board's configuration.
#include "core/config.h"

#include "core/config_reader.h"
#include "core/date.h"
#include "core/url.h"

#include <toml++/toml.h>

#include <algorithm>
#include <functional>
#include <unistd.h>

namespace wb
{
namespace
{

struct StringSetting
{
    const char* name;
    std::string BoardConfig::*field;
};

constexpr StringSetting kStringSettings[] = {
    {"feed", &BoardConfig::feed},
    {"cache", &BoardConfig::cache},
    {"status-file", &BoardConfig::status_file},
    {"token-file", &BoardConfig::token_file},
    {"ca-file", &BoardConfig::ca_file},
    {"page", &BoardConfig::page},
    {"admin-pin", &BoardConfig::admin_pin},
    {"today", &BoardConfig::today},
    {"screen-id", &BoardConfig::screen_id},
    {"report-url", &BoardConfig::report_url},
    {"metrics-file", &BoardConfig::metrics_file},
    {"display-off", &BoardConfig::display_off},
    {"clock", &BoardConfig::clock},
    {"burn-in-shift", &BoardConfig::burn_in_shift},
};

std::string Where(const std::string& name, const toml::node& node, const std::string& key)
{
    return SettingWhere(name, node, key);
}

bool IsScreenSetting(const std::string& key)
{
    return std::find(std::begin(kScreenSettings), std::end(kScreenSettings), key) !=
           std::end(kScreenSettings);
}

// [[playlist]] tables: page = "id", dwell = seconds.
void LoadPlaylist(const toml::node& node, const std::string& name, const std::string& prefix,
                  BoardConfig& config, std::vector<Problem>& problems)
{
    const auto* tables = node.as_array();
    if (!tables || !tables->is_array_of_tables())
    {
        problems.push_back({Where(name, node, prefix + "playlist"),
                            "must be a list of [[playlist]] tables, each with page = \"id\" and an optional "
                            "dwell = seconds."});
        return;
    }
    const IntSetting& dwell =
        *std::find_if(std::begin(kIntSettings), std::end(kIntSettings),
                      [](const IntSetting& s) { return std::string_view(s.name) == "dwell"; });
    config.playlist.clear();
    for (const toml::node& item : *tables)
    {
        const toml::table& table = *item.as_table();
        PlaylistEntry entry{"", 0.0}; // no dwell: the board's `dwell`
        for (const auto& [key, value] : table)
        {
            if (key == "page" && value.is_string() && !value.as_string()->get().empty())
                entry.page_id = value.as_string()->get();
            else if (key == "page")
                problems.push_back(
                    {Where(name, value, prefix + "playlist.page"), "must be a page id in quotes."});
            else if (key == "dwell" && value.is_integer() && InRange(dwell, value.as_integer()->get()))
                entry.dwell_s = static_cast<double>(value.as_integer()->get());
            else if (key == "dwell")
                problems.push_back({Where(name, value, prefix + "playlist.dwell"), DescribeRange(dwell)});
            else
                problems.push_back({Where(name, value, prefix + "playlist." + std::string(key.str())),
                                    "is not a playlist setting; a page has `page` and `dwell`."});
        }
        if (!table.contains("page"))
            problems.push_back({Where(name, item, prefix + "playlist"), "this page has no `page = \"id\"`."});
        config.playlist.push_back(std::move(entry));
    }
}

} // namespace

std::string DescribeRange(const IntSetting& s)
{
    return "must be a whole number of " + std::string(s.unit) + " from " + std::to_string(s.min) + " to " +
           std::to_string(s.max) + (s.step > 1 ? " in steps of " + std::to_string(s.step) : "") + ".";
}

bool InRange(const IntSetting& s, long long value)
{
    return value >= s.min && value <= s.max && (value - s.min) % s.step == 0;
}

std::vector<Problem> CheckAdminPin(const std::string& pin, const std::string& where)
{
    const bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (pin.empty() || (digits && pin.size() >= 4 && pin.size() <= 8))
        return {};
    return {{where, "must be 4 to 8 digits (it is typed on the screen's keypad), or left out."}};
}

std::vector<Problem> CheckFeedUrl(const std::string& feed, const std::string& where)
{
    if (feed.starts_with("http://") || feed.starts_with("https://") || feed.starts_with("file://"))
        return {};
    // Said without a password the URL may hold: the message goes to the journal.
    return {{where, "\"" + UrlWithoutCredentials(feed) +
                        "\" is not a feed URL; it must start with http://, https:// or file://."}};
}

std::vector<Problem> CheckReportUrl(const std::string& url, const std::string& where)
{
    if (url.empty() || url.starts_with("http://") || url.starts_with("https://"))
        return {};
    return {{where, "\"" + UrlWithoutCredentials(url) +
                        "\" is not a report URL; it must start with https:// (or http:// to this machine)."}};
}

std::vector<Problem> CheckToday(const std::string& today, const std::string& where)
{
    if (today.empty() || ParseIsoDate(today))
        return {};
    return {{where, "must be a date as YYYY-MM-DD, e.g. \"2023-04-20\" (got \"" + today + "\")."}};
}

std::vector<Problem> CheckDisplayOff(const std::string& method, const std::string& where)
{
    if (method == "dpms" || method == "cec" || method == "none")
        return {};
    return {{where, "must be \"dpms\", \"cec\" or \"none\" (got \"" + method + "\")."}};
}

std::vector<Problem> CheckClock(const std::string& clock, const std::string& where)
{
    if (clock.empty() || ParseLocalDateTime(clock))
        return {};
    return {{where, "must be a local time as YYYY-MM-DDTHH:MM:SS, e.g. \"2026-11-30T17:59:50\" (got \"" +
                        clock + "\")."}};
}

std::vector<Problem> CheckOnOff(const std::string& value, const std::string& where)
{
    if (value == "on" || value == "off")
        return {};
    return {{where, "must be \"on\" or \"off\" (got \"" + value + "\")."}};
}

namespace
{

// What the types cannot check of the text settings (the feed aside: it is required only of a whole config).
// `where` names a setting as it was given ("--today", "board.toml: today").
void CheckTextValues(const BoardConfig& config, const std::function<std::string(const std::string&)>& where,
                     std::vector<Problem>& problems)
{
    const auto add = [&](std::vector<Problem> found)
    {
        for (Problem& p : found)
            problems.push_back(std::move(p));
    };
    add(CheckAdminPin(config.admin_pin, where("admin-pin")));
    add(CheckToday(config.today, where("today")));
    add(CheckReportUrl(config.report_url, where("report-url")));
    add(CheckDisplayOff(config.display_off, where("display-off")));
    add(CheckClock(config.clock, where("clock")));
    add(CheckOnOff(config.burn_in_shift, where("burn-in-shift")));
}

} // namespace

void ApplyOverrides(BoardConfig& config, const SettingOverrides& overrides)
{
    for (const TextSetting& s : kTextSettings)
        if (const auto it = overrides.text.find(s.name); it != overrides.text.end())
            config.*s.field = it->second;
    for (const IntSetting& s : kIntSettings)
        if (const auto it = overrides.ints.find(s.name); it != overrides.ints.end())
            config.*s.field = it->second;
}

std::vector<Problem> CheckBoardConfig(const BoardConfig& config, const SettingOverrides& overrides)
{
    const auto given_as = [&](const std::string& name)
    { return overrides.text.contains(name) ? "--" + name : name; };
    if (config.feed.empty())
        return {{"--feed", "no feed URL given (or feed = \"...\" in the config)."}};
    std::vector<Problem> problems = CheckFeedUrl(config.feed, given_as("feed"));
    CheckTextValues(config, given_as, problems);
    return problems;
}

Result<toml::table> ParseToml(std::string_view text, const std::string& name)
{
    try
    {
        return toml::parse(text, name);
    }
    catch (const toml::parse_error& error)
    {
        return std::vector<Problem>{{name + ":" + std::to_string(error.source().begin.line),
                                     "not valid TOML: " + std::string(error.description())}};
    }
}

std::string SettingWhere(const std::string& name, const toml::node& node, const std::string& key)
{
    const auto line = node.source().begin.line;
    return line == 0 ? name + ": " + key : name + ":" + std::to_string(line) + ": " + key;
}

void ReadBoardSettings(const toml::table& table, const std::string& name, SettingsScope scope,
                       BoardConfig& config, std::set<std::string>& keys, std::vector<Problem>& problems,
                       const std::string& prefix)
{
    for (const auto& [key_name, node] : table)
    {
        const std::string key(key_name.str());
        const size_t problems_before = problems.size();
        bool known = false;
        for (const StringSetting& s : kStringSettings)
            if (key == s.name)
            {
                known = true;
                if (const auto* text = node.as_string())
                    config.*s.field = **text;
                else
                    problems.push_back({Where(name, node, prefix + key), "must be text in quotes."});
            }
        for (const IntSetting& s : kIntSettings)
            if (key == s.name)
            {
                known = true;
                const auto* number = node.as_integer();
                if (!number || !InRange(s, **number))
                    problems.push_back({Where(name, node, prefix + key), DescribeRange(s)});
                else
                    config.*s.field = static_cast<int>(**number);
            }
        if (key == "playlist")
        {
            known = true;
            LoadPlaylist(node, name, prefix, config, problems);
        }
        if (key == "office-hours")
        {
            known = true;
            if (const auto* hours = node.as_table())
                config.office_hours = ReadOfficeHours(*hours, name, problems);
            else
                problems.push_back({Where(name, node, prefix + key), "must be an [office-hours] table."});
        }
        if (!known)
            problems.push_back(
                {Where(name, node, prefix + key), "is not a setting this board knows; check the spelling."});
        else if (scope == SettingsScope::Screen && !IsScreenSetting(key))
        {
            std::string allowed;
            for (const std::string_view setting : kScreenSettings)
                allowed += (allowed.empty() ? "" : ", ") + std::string(setting);
            problems.push_back(
                {Where(name, node, prefix + key),
                 "is the board's own setting (its board.toml), not a screen's; a profile holds " + allowed +
                     "."});
        }
        else if (scope == SettingsScope::Screen && key == "today") // board.toml's is checked as a whole
            for (Problem& p : CheckToday(config.today, Where(name, node, prefix + key)))
                problems.push_back(std::move(p));
        if (known && problems.size() == problems_before)
            keys.insert(key);
    }
}

Result<BoardConfig> LoadBoardConfig(std::string_view toml_text, const std::string& name, BoardConfig base,
                                    std::set<std::string>* set_keys)
{
    auto table = ParseToml(toml_text, name);
    if (!table.Ok())
        return table.Problems();
    std::vector<Problem> problems;
    std::set<std::string> keys;
    ReadBoardSettings(table.Value(), name, SettingsScope::Board, base, keys, problems);
    if (!base.feed.empty())
        for (Problem& p : CheckFeedUrl(base.feed, name + ": feed"))
            problems.push_back(std::move(p));
    CheckTextValues(
        base, [&](const std::string& key) { return name + ": " + key; }, problems);
    if (!problems.empty())
        return problems;
    if (set_keys)
        *set_keys = std::move(keys);
    return base;
}

void CopySettings(BoardConfig& to, const BoardConfig& from, const std::set<std::string>& keys)
{
    for (const TextSetting& s : kTextSettings)
        if (keys.contains(s.name))
            to.*s.field = from.*s.field;
    for (const IntSetting& s : kIntSettings)
        if (keys.contains(s.name))
            to.*s.field = from.*s.field;
    if (keys.contains("playlist"))
        to.playlist = from.playlist;
    if (keys.contains("office-hours"))
        to.office_hours = from.office_hours;
}

std::string ScreenIdOrHostName(const std::string& screen_id)
{
    if (!screen_id.empty())
        return screen_id;
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0')
        return "wallboard";
    return name;
}

} // namespace wb
