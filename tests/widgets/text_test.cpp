// The text primitives: the one-pass cut against the old one-character-at-a-time method, the middle cut
// that keeps what tells names apart, wrapping, and a badge cut at a scrolling area.
#include "widgets/text.h"

#include "core/wording.h"
#include "test_support.h"
#include "widgets/null_imgui.h"

#include <set>

using namespace wb;
using namespace wb::widgets;
using namespace wb::test;

namespace
{

// The method the one-pass cut replaced, kept as the oracle: drop one character at a time and measure the
// prefix again until it fits with "…" after it (quadratic).
std::string SlowEllipsised(ImFont* font, float size, float width, std::string_view text)
{
    if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x <= width)
        return std::string(text);
    const char* ellipsis = "…";
    const float ellipsis_width = font->CalcTextSizeA(size, FLT_MAX, 0.0f, ellipsis).x;
    size_t end = text.size();
    while (end > 0)
    {
        --end;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end;
        if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + end).x + ellipsis_width <=
            width)
            break;
    }
    std::string out(text.substr(0, end));
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out + ellipsis;
}

// Names and texts from every demo plan, and a few made to test the edges (spaces, multi-byte glyphs).
std::vector<std::string> SampleTexts()
{
    std::vector<std::string> texts = {"",
                                      " ",
                                      "a",
                                      "  leading and trailing  ",
                                      "£1,147 – 64.1% · ▲",
                                      "Percentage of Case Supervision’s in time – Permanency",
                                      "wordwithoutanyspacesatallthatgoesonandonandon"};
    for (const std::string& plan : DemoPlans())
    {
        const Snapshot s = BuildDemo(plan);
        for (const Indicator& ind : s.indicators)
            texts.push_back(ind.id + ". " + ind.name);
        for (size_t i = 0; i < s.actions.size(); i += 7)
            texts.push_back(ActionSummary(s.actions[i]));
    }
    for (std::string& t : texts)
        std::replace(t.begin(), t.end(), '\n', ' ');
    return texts;
}

} // namespace

TEST_CASE("cutting in one pass gives exactly what dropping a character at a time gives", "[widgets][text]")
{
    NullImGui imgui(1920, 1080);
    const std::vector<std::string> texts = SampleTexts();
    size_t compared = 0, cut = 0, differ = 0;
    std::string first_difference;
    for (ImFont* font : {imgui.theme.body, imgui.theme.bold})
        for (const float size : {imgui.theme.em, imgui.theme.em * 0.9f, imgui.theme.em * 1.6f})
            for (const std::string& text : texts)
            {
                const float whole = TextWidth(font, size, text);
                // Widths from nothing to a little over the whole, including each exact prefix width.
                for (float width = 0.0f; width <= whole + size; width += size * 0.37f)
                {
                    const std::string fast = Ellipsised(font, size, width, text);
                    const std::string slow = SlowEllipsised(font, size, width, text);
                    ++compared;
                    cut += fast != text;
                    if (fast != slow && differ++ == 0)
                        first_difference = text + " at " + std::to_string(width) + ": " + fast + " | " + slow;
                }
                for (size_t end = 0; end <= text.size() && end < 60; ++end)
                {
                    const float width = TextWidth(font, size, std::string_view(text).substr(0, end)) +
                                        TextWidth(font, size, "…");
                    differ += Ellipsised(font, size, width, text) != SlowEllipsised(font, size, width, text);
                    ++compared;
                }
            }
    INFO(first_difference);
    CHECK(differ == 0);
    CHECK(compared > 20000);
    CHECK(cut > compared / 4); // most widths cut something: the comparison is not all whole texts
}

TEST_CASE("an ellipsis in the middle keeps the team that tells indicators 60 to 65 apart", "[widgets][text]")
{
    NullImGui imgui(1920, 1080);
    const Snapshot s = BuildDemo("plymouth");
    std::vector<std::string> names;
    for (const Indicator& ind : s.indicators)
        if (ind.name.rfind("Percentage of Case Supervision", 0) == 0)
            names.push_back(ind.id + ". " + ind.name);
    REQUIRE(names.size() >= 5);
    ImFont* font = imgui.theme.body;
    const float size = imgui.theme.em;
    // The widest width at which cutting at the end makes every row the same.
    float width = 0;
    for (float w = imgui.theme.em * 30; w > imgui.theme.em * 5; w -= 1.0f)
    {
        std::set<std::string> at_end;
        for (const std::string& name : names)
            at_end.insert(Ellipsised(font, size, w, name.substr(name.find(' ') + 1)));
        if (at_end.size() == 1)
        {
            width = w;
            break;
        }
    }
    REQUIRE(width > 0);
    std::set<std::string> in_middle;
    for (const std::string& name : names)
    {
        const std::string shown =
            Ellipsised(font, size, width, name.substr(name.find(' ') + 1), TextCut::Middle);
        INFO(shown);
        CHECK(TextWidth(font, size, shown) <= width);
        CHECK(shown.find("…") != std::string::npos);
        in_middle.insert(shown);
    }
    CHECK(in_middle.size() == names.size());
    const std::string permanency = "Percentage of Case Supervision’s in time – Permanency";
    const std::string shown =
        Ellipsised(font, size, TextWidth(font, size, permanency) * 0.75f, permanency, TextCut::Middle);
    CHECK(shown.size() > std::string("Permanency").size());
    CHECK(shown.substr(shown.size() - 10) == "Permanency");
}

TEST_CASE("a middle cut fits, keeps a start and an end of the text, and leaves a fitting text whole",
          "[widgets][text]")
{
    NullImGui imgui(1920, 1080);
    ImFont* font = imgui.theme.body;
    const float size = imgui.theme.em;
    size_t bad = 0, checked = 0;
    std::string first_bad;
    for (const std::string& text : SampleTexts())
    {
        const float whole = TextWidth(font, size, text);
        for (float width = size * 1.5f; width <= whole + size; width += size * 0.53f)
        {
            const std::string shown = Ellipsised(font, size, width, text, TextCut::Middle);
            ++checked;
            bool ok = TextWidth(font, size, shown) <= width;
            if (whole <= width)
                ok = ok && shown == text;
            else
            {
                // Some "…" splits it into a start of the text and a part that ends the text, or ends
                // it but for a bracketed qualifier (dropped first).
                bool split = false;
                for (size_t at = shown.find("…"); at != std::string::npos && !split;
                     at = shown.find("…", at + 1))
                {
                    const std::string head = shown.substr(0, at);
                    const std::string tail = shown.substr(at + std::string("…").size());
                    const auto ends_with = [&](size_t end) {
                        return end >= head.size() + tail.size() &&
                               text.compare(end - tail.size(), tail.size(), tail) == 0;
                    };
                    bool ends = ends_with(text.size());
                    for (size_t q = text.find(" ("); !ends && q != std::string::npos;
                         q = text.find(" (", q + 1))
                        ends = text.back() == ')' && ends_with(q);
                    split = text.rfind(head, 0) == 0 && ends;
                }
                ok = ok && split;
            }
            if (!ok && bad++ == 0)
                first_bad = text + " at " + std::to_string(width) + ": " + shown;
        }
    }
    INFO(first_bad);
    CHECK(bad == 0);
    CHECK(checked > 1000);
}

TEST_CASE("wrapped text keeps to its lines and cuts the last with an ellipsis", "[widgets][text]")
{
    NullImGui imgui(1920, 1080);
    const float em = imgui.theme.em;
    LayoutRecorder recorder;
    const std::string text = "one two three four five six seven eight nine ten eleven twelve thirteen";
    const float width = TextWidth(imgui.theme.body, em, "one two three four ");
    const float used = DrawWrappedText(imgui.Draw(), imgui.theme.body, em, ImVec2(0, 0),
                                       ImVec2(width, em * 10), imgui.theme.text, text, 2);
    CHECK(used == Approx(em * 2));
    const auto& texts = recorder.Record().texts;
    REQUIRE(texts.size() == 2);
    CHECK(texts[0].shown.rfind("one two three", 0) == 0);
    CHECK(texts[1].shown.size() >= 3);
    CHECK(texts[1].shown.substr(texts[1].shown.size() - 3) == "…");
    for (const DrawnText& t : texts)
        CHECK(t.max.x <= width + 0.01f);

    // Paragraph text: its own line breaks kept, lines 1.2 em apart, no limit.
    recorder.Clear();
    const float height = WrapText(imgui.Draw(), imgui.theme.body, em, ImVec2(0, 0), em * 40, imgui.theme.text,
                                  "first\nsecond\nthird");
    CHECK(height == Approx(em * kLineSpacing * 3));
    CHECK(recorder.Record().texts.size() == 3);
}

TEST_CASE("a badge cut by a scrolling area draws and records nothing outside it", "[widgets][text]")
{
    NullImGui imgui(1920, 1080);
    const float em = imgui.theme.em;
    RagLevel level{"Complete", "Complete", "#2E7D32", "", true, "C"};
    LayoutRecorder recorder;
    ImDrawList* draw = imgui.Draw();
    draw->_ResetForNewFrame();
    draw->PushClipRectFullScreen();
    const ImVec4 clip(0, em * 10, em * 20, em * 20);
    DrawRagBadge(draw, imgui.theme, ImVec2(em, em * 9.5f), ImVec2(em * 4, em * 11), &level, &clip);
    const Bounds b = BoundsOf(draw);
    CHECK(b.min.y >= clip.y - 1.0f);
    CHECK(recorder.Record().badges.empty());
    // Wholly inside, it is recorded with its code.
    DrawRagBadge(draw, imgui.theme, ImVec2(em, em * 12), ImVec2(em * 4, em * 13.5f), &level, &clip);
    REQUIRE(recorder.Record().badges.size() == 1);
    REQUIRE(!recorder.Record().texts.empty());
    CHECK(recorder.Record().texts.back().role == TextRole::Code);
}
