// Loading and checking the board's configuration.
#include "core/config.h"

#include <toml++/toml.h>

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
};

std::string Where(const std::string& name, const toml::node& node, const std::string& key)
{
    return name + ":" + std::to_string(node.source().begin.line) + ": " + key;
}

} // namespace

std::vector<Problem> CheckFeedUrl(const std::string& feed, const std::string& where)
{
    if (feed.starts_with("http://") || feed.starts_with("https://") || feed.starts_with("file://"))
        return {};
    return {{where, "\"" + feed + "\" is not a feed URL; it must start with http://, https:// or file://."}};
}

Result<BoardConfig> LoadBoardConfig(std::string_view toml_text, const std::string& name, BoardConfig base)
{
    toml::table table;
    try
    {
        table = toml::parse(toml_text, name);
    }
    catch (const toml::parse_error& error)
    {
        return std::vector<Problem>{{name + ":" + std::to_string(error.source().begin.line),
                                     "not valid TOML: " + std::string(error.description())}};
    }
    std::vector<Problem> problems;
    for (const auto& [key_name, node] : table)
    {
        const std::string key(key_name.str());
        bool known = false;
        for (const StringSetting& s : kStringSettings)
            if (key == s.name)
            {
                known = true;
                if (const auto* text = node.as_string())
                    base.*s.field = **text;
                else
                    problems.push_back({Where(name, node, key), "must be text in quotes."});
            }
        for (const IntSetting& s : kIntSettings)
            if (key == s.name)
            {
                known = true;
                const auto* number = node.as_integer();
                if (!number || **number < s.min || **number > s.max)
                    problems.push_back({Where(name, node, key),
                                        "must be a whole number of " + std::string(s.unit) + " from " +
                                            std::to_string(s.min) + " to " + std::to_string(s.max) + "."});
                else
                    base.*s.field = static_cast<int>(**number);
            }
        if (!known)
            problems.push_back(
                {Where(name, node, key), "is not a setting this board knows; check the spelling."});
    }
    if (!base.feed.empty())
        for (Problem& p : CheckFeedUrl(base.feed, name + ": feed"))
            problems.push_back(std::move(p));
    if (!problems.empty())
        return problems;
    return base;
}

} // namespace wb
