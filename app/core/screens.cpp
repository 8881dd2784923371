// Screen profiles: screens.toml checked and turned into screens.json, screens.json read back, and the
// order a board's settings are merged in (screens.h).
#include "core/screens.h"

#include "core/config_reader.h"
#include "core/model.h"
#include "core/navigation.h"
#include "core/playlist.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <sstream>

namespace wb
{
namespace
{

using Json = nlohmann::ordered_json;

// What is wrong with a page id for this plan, or "" when it has it. `pin`: `page`, which may also name a
// detail view; a playlist names pages only.
std::string PageProblem(const std::string& text, const Snapshot& plan, bool pin)
{
    const PinnedPage pinned = ParsePinnedPage(text);
    if (pin && pinned.detail)
    {
        const View& view = *pinned.detail;
        const auto has_id = [&](const auto& items) {
            return std::any_of(items.begin(), items.end(),
                               [&](const auto& item) { return item.id == view.id; });
        };
        if (view.kind == ViewKind::Indicator && !has_id(plan.indicators))
            return "this plan has no indicator \"" + view.id + "\".";
        if (view.kind == ViewKind::Action && !has_id(plan.actions))
            return "this plan has no action \"" + view.id + "\".";
        return "";
    }
    if (!pin && pinned.detail)
        return "a playlist holds pages, not detail views; use `page` to hold a detail view on screen.";
    const std::vector<std::string> pages = PagesOf(plan);
    if (std::find(pages.begin(), pages.end(), SplitPageId(pinned.page).id) != pages.end())
        return "";
    std::string names;
    for (const std::string& page : pages)
        names += (names.empty() ? "" : ", ") + page;
    return "this plan has no page \"" + text + "\"; its pages are " + names + " (a long one in parts: \"" +
           pages.front() + ".2\").";
}

// Every page a profile names, checked against the plan, with the line it is on.
void CheckPages(const toml::table& profile, const std::string& name, const std::string& prefix,
                const Snapshot& plan, std::vector<Problem>& problems)
{
    if (const auto* page = profile.get_as<std::string>("page"); page && !page->get().empty())
        if (std::string what = PageProblem(page->get(), plan, true); !what.empty())
            problems.push_back({SettingWhere(name, *page, prefix + "page"), what});
    if (const auto* playlist = profile.get_as<toml::array>("playlist"))
        for (const toml::node& item : *playlist)
            if (const auto* table = item.as_table())
                if (const auto* page = table->get_as<std::string>("page"); page && !page->get().empty())
                    if (std::string what = PageProblem(page->get(), plan, false); !what.empty())
                        problems.push_back({SettingWhere(name, *page, prefix + "playlist.page"), what});
}

// TOML values as JSON: what screens.json carries of each profile, key for key. Dates and times (none of
// today's settings are) travel as their TOML text.
Json ToJson(const toml::node& node)
{
    if (const auto* table = node.as_table())
    {
        Json object = Json::object();
        for (const auto& [key, value] : *table)
            object[std::string(key.str())] = ToJson(value);
        return object;
    }
    if (const auto* array = node.as_array())
    {
        Json list = Json::array();
        for (const toml::node& item : *array)
            list.push_back(ToJson(item));
        return list;
    }
    if (const auto* text = node.as_string())
        return text->get();
    if (const auto* number = node.as_integer())
        return number->get();
    if (const auto* number = node.as_floating_point())
        return number->get();
    if (const auto* flag = node.as_boolean())
        return flag->get();
    std::ostringstream text;
    node.visit([&](const auto& value) { text << value; });
    return text.str();
}

// JSON back into a TOML table, for the one reader of settings. A null or a fraction where a whole number
// belongs is left as what the reader refuses with its own words.
toml::table ToTable(const Json& object);
void AddValue(const Json& value, const std::function<void(toml::node&&)>& add)
{
    if (value.is_object())
        add(ToTable(value));
    else if (value.is_array())
    {
        toml::array list;
        for (const Json& item : value)
            AddValue(item, [&](toml::node&& node) { list.push_back(std::move(node)); });
        add(std::move(list));
    }
    else if (value.is_string())
        add(toml::value<std::string>(value.get<std::string>()));
    else if (value.is_number_integer())
        add(toml::value<int64_t>(value.get<int64_t>()));
    else if (value.is_number_float())
        add(toml::value<double>(value.get<double>()));
    else if (value.is_boolean())
        add(toml::value<bool>(value.get<bool>()));
    else
        add(toml::value<std::string>("null")); // refused by every setting as the wrong type
}

toml::table ToTable(const Json& object)
{
    toml::table table;
    for (const auto& [key, value] : object.items())
        AddValue(value, [&, &key = key](toml::node&& node) { table.insert(key, std::move(node)); });
    return table;
}

ScreenProfile ReadProfile(const toml::table& table, const std::string& name, const std::string& prefix,
                          std::vector<Problem>& problems)
{
    ScreenProfile profile;
    ReadBoardSettings(table, name, SettingsScope::Screen, profile.settings, profile.keys, problems, prefix);
    return profile;
}

} // namespace

Result<std::string> BuildScreensJson(std::string_view toml_text, const std::string& name,
                                     const Snapshot& plan)
{
    const auto parsed = ParseToml(toml_text, name);
    if (!parsed.Ok())
        return parsed.Problems();
    const toml::table& file = parsed.Value();
    std::vector<Problem> problems;
    Json doc;
    doc["format"] = kScreensFormat;
    doc["plan"] = plan.plan.id;
    doc["default"] = Json::object();
    doc["screens"] = Json::object();
    const auto take =
        [&](const toml::node& node, const std::string& prefix, const std::string& key, Json& into)
    {
        const auto* table = node.as_table();
        if (!table)
        {
            problems.push_back({SettingWhere(name, node, key), "must be a table of screen settings, [" + key +
                                                                   "], with keys as in board.toml."});
            return;
        }
        ReadProfile(*table, name, prefix, problems);
        CheckPages(*table, name, prefix, plan, problems);
        into = ToJson(*table);
    };
    for (const auto& [key_name, node] : file)
    {
        const std::string key(key_name.str());
        if (key == "default")
            take(node, "default.", "default", doc["default"]);
        else if (key == "screens" && node.is_table())
            for (const auto& [id, profile] : *node.as_table())
            {
                const std::string screen(id.str());
                take(profile, "screens." + screen + ".", "screens." + screen, doc["screens"][screen]);
            }
        else if (key == "screens")
            problems.push_back(
                {SettingWhere(name, node, key), "must hold one table per screen id: [screens.front-door]."});
        else
            problems.push_back({SettingWhere(name, node, key),
                                "is not part of screens.toml: it holds [default] and [screens.<screen id>] "
                                "tables (a setting belongs in one of them)."});
    }
    if (!problems.empty())
        return problems;
    return doc.dump(2) + "\n";
}

Result<ScreenProfiles> ParseScreensJson(std::string_view json)
{
    const std::string name(kScreensFileName);
    Json doc;
    try
    {
        doc = Json::parse(json);
    }
    catch (const Json::exception& error)
    {
        return std::vector<Problem>{{name, std::string("not valid JSON: ") + error.what()}};
    }
    if (!doc.is_object() || !doc.contains("format") || !doc["format"].is_string())
        return std::vector<Problem>{
            {name, "has no \"format\": not a screens.json written by wallboard-publish."}};
    const std::string format = doc["format"].get<std::string>();
    // "wallboard.screens/1" or a later minor "…/1.2": fields it adds are ignored.
    const std::string family = std::string(kScreensFormat.substr(0, kScreensFormat.find('/') + 1));
    const std::string version = format.starts_with(family) ? format.substr(family.size()) : "";
    if (version != "1" && !version.starts_with("1."))
        return std::vector<Problem>{{name + ": format", "is \"" + format + "\"; this board reads " +
                                                            std::string(kScreensFormat) +
                                                            " (a newer publisher? update the board)."}};
    std::vector<Problem> problems;
    ScreenProfiles profiles;
    if (doc.contains("plan") && doc["plan"].is_string())
        profiles.plan_id = doc["plan"].get<std::string>();
    const auto object_at = [&](const Json& value, const std::string& where) -> const Json*
    {
        if (value.is_object())
            return &value;
        problems.push_back({name + ": " + where, "must be an object."});
        return nullptr;
    };
    if (doc.contains("default"))
        if (const Json* fallback = object_at(doc["default"], "default"))
            profiles.fallback = ReadProfile(ToTable(*fallback), name, "default.", problems);
    if (doc.contains("screens"))
        if (const Json* screens = object_at(doc["screens"], "screens"))
            for (const auto& [id, profile] : screens->items())
                if (const Json* object = object_at(profile, "screens." + id))
                    profiles.screens[id] =
                        ReadProfile(ToTable(*object), name, "screens." + id + ".", problems);
    if (!problems.empty())
        return problems;
    return profiles;
}

ChosenProfile ChooseProfile(const ScreenProfiles* profiles, const std::string& screen_id)
{
    if (!profiles)
        return {};
    if (const auto it = profiles->screens.find(screen_id); it != profiles->screens.end())
        return {&it->second, screen_id, ""};
    return {&profiles->fallback, "default",
            "screen id " + screen_id + " is not in " + std::string(kScreensFileName)};
}

BoardConfig EffectiveConfig(const LocalSettings& local, const ScreenProfiles* profiles)
{
    BoardConfig config = local.config;
    const ChosenProfile chosen = ChooseProfile(profiles, local.config.screen_id);
    if (!chosen.profile)
        return config;
    std::set<std::string> from_profile;
    for (const std::string& key : chosen.profile->keys)
        if (!local.keys.contains(key))
            from_profile.insert(key);
    CopySettings(config, chosen.profile->settings, from_profile);
    return config;
}

} // namespace wb
