// Keeps snapshot_format.md, the publisher and the parser in step.
#include "core/snapshot.h"
#include "publish/output.h"

#include "test_support.h"

#include <nlohmann/json.hpp>

#include <map>
#include <regex>
#include <set>

using namespace wb;
using Json = nlohmann::json;

namespace
{

struct DocumentedMember
{
    std::string name;
    std::string required; // "yes", "no", or "if ..."
};

// "### `actions[].due`" headings, each followed by a table of "| `member` | type | required | meaning |".
std::map<std::string, std::vector<DocumentedMember>> ReadFormatDocument()
{
    const std::string text = test::ReadFile(test::SourceDir() + "/app/core/snapshot_format.md");
    std::map<std::string, std::vector<DocumentedMember>> objects;
    const std::regex heading(R"(^### `([a-z_\[\]\.]+)`)");
    const std::regex row(R"(^\| `([a-z_]+)` \| [^|]+ \| ([^|]+) \|)");
    std::string current;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
    {
        std::smatch match;
        if (std::regex_search(line, match, heading))
            current = match[1];
        else if (!current.empty() && std::regex_search(line, match, row))
        {
            std::string required = match[2];
            required.erase(required.find_last_not_of(' ') + 1);
            objects[current].push_back({match[1], required});
        }
    }
    return objects;
}

// Every instance of the object at `path` ("actions[].due") in `doc`, with its JSON pointer.
void Instances(Json& node, const std::string& path, const std::string& pointer,
               std::vector<std::pair<Json*, std::string>>& out)
{
    if (path.empty())
    {
        out.emplace_back(&node, pointer);
        return;
    }
    const size_t dot = path.find('.');
    std::string step = path.substr(0, dot);
    const std::string rest = dot == std::string::npos ? "" : path.substr(dot + 1);
    const bool each = step.ends_with("[]");
    if (each)
        step.resize(step.size() - 2);
    if (!node.contains(step))
        return;
    Json& child = node[step];
    if (!each)
        return Instances(child, rest, pointer + "/" + step, out);
    for (size_t i = 0; i < child.size(); ++i)
        Instances(child[i], rest, pointer + "/" + step + "/" + std::to_string(i), out);
}

std::vector<std::pair<Json*, std::string>> InstancesOf(Json& doc, const std::string& object)
{
    std::vector<std::pair<Json*, std::string>> out;
    Instances(doc, object == "snapshot" ? "" : object, "", out);
    return out;
}

// Every demo plan as published: between them they use every member the format has.
std::vector<Json> PublishedDemos()
{
    std::vector<Json> docs;
    for (const std::string& plan : test::DemoPlans())
    {
        const Snapshot s = test::BuildDemo(plan);
        docs.push_back(Json::parse(SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)))));
    }
    return docs;
}

} // namespace

TEST_CASE("the format document lists every object it describes", "[snapshot][format]")
{
    const auto objects = ReadFormatDocument();
    for (const char* object : {"snapshot", "plan", "rag_key[]", "priorities[]", "teams[]", "actions[]",
                               "actions[].due", "actions[].evidence[]", "indicators[]", "indicators[].target",
                               "indicators[].comparators[]", "indicators[].series[]", "dashboards[]"})
    {
        INFO(object);
        CHECK(objects.contains(object));
    }
}

TEST_CASE("every member the publisher writes is documented, and every documented member is written",
          "[snapshot][format]")
{
    const auto objects = ReadFormatDocument();
    std::vector<Json> docs = PublishedDemos();
    for (const auto& [object, members] : objects)
    {
        std::set<std::string> documented, written;
        for (const DocumentedMember& m : members)
            documented.insert(m.name);
        for (Json& doc : docs)
            for (auto& [instance, pointer] : InstancesOf(doc, object))
                for (const auto& item : instance->items())
                    written.insert(item.key());
        INFO("object " << object);
        for (const std::string& name : written)
        {
            INFO("written but not documented: " << name);
            CHECK(documented.contains(name));
        }
        for (const std::string& name : documented)
        {
            INFO("documented but never written by any demo plan: " << name);
            CHECK(written.contains(name));
        }
    }
}

TEST_CASE("the parser requires exactly the members documented as required", "[snapshot][format]")
{
    const auto objects = ReadFormatDocument();
    const std::vector<Json> demos = PublishedDemos();
    for (const auto& [object, members] : objects)
        for (const DocumentedMember& member : members)
        {
            if (member.required.starts_with("if"))
                continue; // conditional members are covered in snapshot_test.cpp
            // The first demo plan that writes the member, with it taken out.
            Json doc;
            std::string pointer;
            for (const Json& demo : demos)
            {
                doc = demo;
                for (auto& [instance, at] : InstancesOf(doc, object))
                    if (instance->contains(member.name))
                    {
                        instance->erase(member.name);
                        pointer = at + "/" + member.name;
                        break;
                    }
                if (!pointer.empty())
                    break;
            }
            INFO(object << "." << member.name);
            REQUIRE_FALSE(pointer.empty());
            auto result = ParseSnapshot(doc.dump());
            INFO(object << "." << member.name << " documented as required: " << member.required);
            INFO(FormatProblems(result.Problems()));
            if (member.required == "yes")
            {
                REQUIRE_FALSE(result.Ok());
                CHECK(test::HasProblem(result.Problems(), pointer, ""));
            }
            else
            {
                CHECK(member.required == "no");
                CHECK(result.Ok());
            }
        }
}
