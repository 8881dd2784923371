// The board's configuration: a plain struct with defaults, loaded from TOML and checked key by key.
// The same names serve as command-line options (--refresh) and TOML keys (refresh = 60).
#pragma once

#include "core/office_hours.h"
#include "core/problem.h"
#include "core/rotation.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace wb
{

struct BoardConfig
{
    std::string feed;                             // snapshot URL: http://, https:// or file://
    std::string cache = "wallboard-cache.sqlite"; // SQLite cache file
    int refresh = 60;                             // seconds between fetches (5 to 86400)
    std::string status_file;                      // JSON status written on every change; empty for none
    std::string token_file;                       // file holding a bearer token; empty for none; never logged
    std::string ca_file;                          // extra CA bundle for TLS; verification is always on
    int backoff_cap = 600;                        // longest wait after failures, seconds (10 to 86400)
    int connect_timeout = 10;                     // seconds (1 to 300)
    int request_timeout = 120;                    // whole request, seconds (1 to 3600)
    int max_body_mb = 16;                         // largest snapshot accepted, MB (1 to 1024)
    int keep_snapshots = 10;                      // snapshots kept in the cache (1 to 1000)
    int history_months = 36;                      // months of indicator history kept (1 to 240)
    // The screen.
    int dwell = 20;       // seconds each page stays on screen, unless the playlist says otherwise (3 to 3600)
    int rotation = 0;     // degrees the picture is turned clockwise for a panel mounted on its side
    int stale_after = 30; // minutes after which unconfirmed data is stale: warned of and dimmed (1 to 10080)
    std::string page;     // pin one page (a dashboard id or "overdue"); empty to rotate
    // The date overdue and "months ago" are measured against, "2023-04-20": a board pack or a demo as
    // the plan stood on a meeting day. Empty: the calendar's date where the board hangs.
    std::string today;
    // Centimetres from the screen to where people read it from the door (50 to 2000): what must be read from
    // there (a tile's figure, status and short name, the page title) has a cap height of a 200th of it.
    int viewing_distance = 400;
    // Touch.
    int idle_resume = 90;    // seconds without a touch after which the rotation resumes (3 to 3600)
    int screen_diagonal = 0; // inches, for touch thresholds in mm; 0 asks the monitor (7 to 150)
    std::string
        admin_pin; // 4 to 8 digits: a long press on the clock asks for it and then exits; empty: never
    // The pages in order, each with an optional dwell; empty for every dashboard, then the overdue page.
    // In TOML only, as [[playlist]] tables with `page = "id"` and `dwell = 30`; a dwell of 0 means `dwell`.
    std::vector<PlaylistEntry> playlist;
    // The fleet. This screen's id in the published screens.json (a team room's name, "front-door"); empty:
    // the host name (ScreenIdOrHostName).
    std::string screen_id;
    // Fleet health. Where the board POSTs its status (http:// or https://, the feed's token and TLS rules);
    // empty: no reports. Every report-interval seconds, give or take a fifth (10 to 86400).
    std::string report_url;
    int report_interval = 300;
    std::string metrics_file; // Prometheus text metrics for node_exporter's textfile collector; empty: none
    // Office hours: in TOML only, as an [office-hours] table (core/office_hours.h); none: always on.
    OfficeHours office_hours;
    // How the screen goes dark outside office hours: "dpms" (X11's power saving), "cec" (a TV's standby
    // through cec-ctl) or "none"; where it cannot, a dim "Screen off until ..." on black.
    std::string display_off = "dpms";
    // The office hours' clock as local time, "2026-11-30T17:59:50", from which it runs on: to try office
    // hours (and for tests). The strip, the sync and data ages keep the real clock. Empty: the real clock.
    std::string clock;
    // Burn-in care: "on" moves the whole picture a few pixels every 10 minutes (core/burn_in.h); "off" keeps
    // it still. A board pack is never moved.
    std::string burn_in_shift = "on";
};

// An integer setting's name and allowed range, shared by the TOML loader and the command line.
struct IntSetting
{
    const char* name;
    int BoardConfig::*field;
    int min;
    int max;
    const char* unit;
    int step = 1; // allowed values are min, min + step, ...
};

inline constexpr IntSetting kIntSettings[] = {
    {"refresh", &BoardConfig::refresh, 5, 86400, "seconds"},
    {"backoff-cap", &BoardConfig::backoff_cap, 10, 86400, "seconds"},
    {"connect-timeout", &BoardConfig::connect_timeout, 1, 300, "seconds"},
    {"request-timeout", &BoardConfig::request_timeout, 1, 3600, "seconds"},
    {"max-body-mb", &BoardConfig::max_body_mb, 1, 1024, "MB"},
    {"keep-snapshots", &BoardConfig::keep_snapshots, 1, 1000, "snapshots"},
    {"history-months", &BoardConfig::history_months, 1, 240, "months"},
    {"dwell", &BoardConfig::dwell, 3, 3600, "seconds"},
    {"rotation", &BoardConfig::rotation, 0, 270, "degrees", 90},
    {"stale-after", &BoardConfig::stale_after, 1, 10080, "minutes"},
    {"viewing-distance", &BoardConfig::viewing_distance, 50, 2000, "centimetres"},
    {"idle-resume", &BoardConfig::idle_resume, 3, 3600, "seconds"},
    {"screen-diagonal", &BoardConfig::screen_diagonal, 0, 150, "inches"},
    {"report-interval", &BoardConfig::report_interval, 10, 86400, "seconds"},
};

// A text setting's name (the --option and the TOML key), its field and what --help says of it.
struct TextSetting
{
    const char* name;
    std::string BoardConfig::*field;
    const char* help;
};

inline const TextSetting kTextSettings[] = {
    {"feed", &BoardConfig::feed, "the snapshot's URL: http://, https:// or file://"},
    {"cache", &BoardConfig::cache, "SQLite file of the last good snapshots, shown when the feed is down"},
    {"status-file", &BoardConfig::status_file,
     "JSON file the board keeps up to date: state, last success, last error, data age"},
    {"token-file", &BoardConfig::token_file,
     "file holding a bearer token to send with each request (never logged)"},
    {"ca-file", &BoardConfig::ca_file,
     "an extra CA bundle for the feed's TLS (verification cannot be turned off)"},
    {"admin-pin", &BoardConfig::admin_pin,
     "4 to 8 digits: a long press on the clock asks for them, then the board exits"},
    {"today", &BoardConfig::today,
     "measure overdue and ages against this date, YYYY-MM-DD (a board pack or demo as of a meeting day); the "
     "strip says it is set"},
    {"page", &BoardConfig::page,
     "show only this page: a dashboard id or \"overdue\" (a part: \"early-help.2\"), or a detail view "
     "(\"indicator:12\", \"action:3.3\")"},
    {"screen-id", &BoardConfig::screen_id,
     "this screen's id in the published screens.json (a team room's name); the host name if not given"},
    {"report-url", &BoardConfig::report_url,
     "http(s) URL the board POSTs its status to every report-interval (wallboard-publish serve's /report), "
     "with the feed's token and TLS rules"},
    {"metrics-file", &BoardConfig::metrics_file,
     "Prometheus text metrics written with the status file, for node_exporter's textfile collector (*.prom)"},
    {"display-off", &BoardConfig::display_off,
     "how the screen goes dark outside office hours ([office-hours] in the config file): \"dpms\" (X11), "
     "\"cec\" (a TV's standby through cec-ctl) or \"none\" (a dim notice on black)"},
    {"clock", &BoardConfig::clock,
     "start the office hours' clock at this local time, YYYY-MM-DDTHH:MM:SS, and run on from there (to try "
     "office hours; the strip and the sync keep the real clock)"},
    {"burn-in-shift", &BoardConfig::burn_in_shift,
     "\"on\" (the default): the whole picture moves a few pixels every 10 minutes against burn-in; \"off\": "
     "it stays still"},
};

// What the command line gave, by setting name (without the dashes). The command line wins over the
// config file for what it names, and only for that.
struct SettingOverrides
{
    std::map<std::string, std::string> text;
    std::map<std::string, int> ints;
};
void ApplyOverrides(BoardConfig& config, const SettingOverrides& overrides);

// Checks a merged config for what neither the TOML loader nor the option parser can: a feed is given and
// is a URL, the admin PIN, `today`. Each problem names the setting as it was given: "--feed" when it came
// from the command line (`overrides`), "feed" when from the config file.
std::vector<Problem> CheckBoardConfig(const BoardConfig& config, const SettingOverrides& overrides);

// Checks what the types cannot: an admin PIN is 4 to 8 digits (or empty: no way out by touch).
std::vector<Problem> CheckAdminPin(const std::string& pin, const std::string& where);

// Checks what the types cannot: burn-in-shift is "on" or "off".
std::vector<Problem> CheckOnOff(const std::string& value, const std::string& where);

// Checks what the types cannot: `today` is empty or a real date as YYYY-MM-DD.
std::vector<Problem> CheckToday(const std::string& today, const std::string& where);

// Checks what the types cannot: `display-off` is dpms, cec or none; `clock` is empty or a local time.
std::vector<Problem> CheckDisplayOff(const std::string& method, const std::string& where);
std::vector<Problem> CheckClock(const std::string& clock, const std::string& where);

// "must be a whole number of seconds from 3 to 3600." (and "in steps of 90" where there are steps)
std::string DescribeRange(const IntSetting& setting);
bool InRange(const IntSetting& setting, long long value);

// Reads TOML over `base`. Unknown keys and wrong types or ranges are problems naming the key and line.
// `set_keys`, when given, receives the keys the file set (for the order of screen profiles).
Result<BoardConfig> LoadBoardConfig(std::string_view toml_text, const std::string& name,
                                    BoardConfig base = {}, std::set<std::string>* set_keys = nullptr);

// The settings a screen profile (screens.toml, core/screens.h) may hold: how the screen shows the plan.
// The rest (feed, cache, token, rotation, ...) belong to the board itself and are refused in a profile.
inline constexpr std::string_view kScreenSettings[] = {
    "playlist", "dwell", "viewing-distance", "page", "today", "stale-after", "idle-resume", "office-hours",
};

// Copies the settings named in `keys` (TOML names: "dwell", "playlist") from `from` into `to`.
void CopySettings(BoardConfig& to, const BoardConfig& from, const std::set<std::string>& keys);

// `screen_id`, or the host name when it is empty ("wallboard" if even that cannot be read).
std::string ScreenIdOrHostName(const std::string& screen_id);

// Checks what the types cannot: report-url is empty or http:// or https://.
std::vector<Problem> CheckReportUrl(const std::string& url, const std::string& where);

// Checks what the types cannot: the feed's scheme. `where` names how the value was given.
std::vector<Problem> CheckFeedUrl(const std::string& feed, const std::string& where);

} // namespace wb
