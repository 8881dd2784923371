#include "core/navigation.h"

#include <catch2/catch.hpp>

using namespace wb;

namespace
{

const View kIndicator12{ViewKind::Indicator, "12"};
const View kAction27a{ViewKind::Action, "2.7a"};

// (Designated initializers that leave a field out trip -Wmissing-field-initializers.)
NavigationOptions Options(double idle_timeout_s, std::string pinned_page = "")
{
    NavigationOptions options;
    options.idle_timeout_s = idle_timeout_s;
    options.pinned_page = std::move(pinned_page);
    return options;
}

std::string Page(const Navigation& nav)
{
    return nav.GetRotation().CurrentPage();
}

} // namespace

TEST_CASE("nobody touching: the rotation keeps advancing", "[navigation]")
{
    Navigation nav({{"a", 20}, {"b", 10}, {"c", 30}}, 0.0);
    CHECK_FALSE(nav.Paused());
    CHECK(nav.Current() == View{ViewKind::Page, "a"});
    CHECK(*nav.NextDeadline(5.0) == Approx(20.0));
    CHECK_FALSE(nav.SecondsToResume(5.0));
    CHECK_FALSE(nav.Update(19.9));
    CHECK(nav.Update(20.0));
    CHECK(nav.Current() == View{ViewKind::Page, "b"});
    CHECK(*nav.NextDeadline(21.0) == Approx(30.0));
    CHECK(nav.Update(30.0));
    CHECK(Page(nav) == "c");
}

TEST_CASE("a touch pauses the rotation until exactly the idle timeout", "[navigation]")
{
    Navigation nav({{"a", 20}, {"b", 20}}, 0.0, Options(90.0));
    nav.Touched(10.0);
    CHECK(nav.Paused());
    CHECK_FALSE(nav.Held());
    CHECK(*nav.SecondsToResume(10.0) == Approx(90.0));
    CHECK(*nav.SecondsToResume(66.0) == Approx(34.0));
    CHECK(*nav.NextDeadline(66.0) == Approx(100.0));
    // Long past a's dwell, nothing moves while the screen is in use.
    CHECK_FALSE(nav.Update(50.0));
    CHECK(Page(nav) == "a");
    // Another touch restarts the timer.
    nav.Touched(40.0);
    CHECK(*nav.SecondsToResume(66.0) == Approx(64.0));
    CHECK_FALSE(nav.Update(129.0));
    CHECK(nav.Paused());
    CHECK(*nav.SecondsToResume(129.0) == Approx(1.0));
    CHECK(nav.Update(130.0));
    CHECK_FALSE(nav.Paused());
    CHECK_FALSE(nav.SecondsToResume(130.0));
    CHECK(Page(nav) == "a");
}

TEST_CASE("a page's dwell restarts when the rotation resumes", "[navigation]")
{
    Navigation nav({{"a", 20}, {"b", 20}, {"c", 20}}, 0.0, Options(90.0));
    nav.Touched(15.0); // a has had 15 of its 20 s
    REQUIRE(nav.Update(105.0));
    CHECK(Page(nav) == "a");
    CHECK(*nav.NextDeadline(105.0) == Approx(125.0));
    CHECK_FALSE(nav.Update(124.9));
    CHECK(nav.Update(125.0));
    CHECK(Page(nav) == "b");

    SECTION("a board that slept past the timeout lands where the clock says")
    {
        nav.Touched(200.0); // on b; resumes at 290, b until 310, c until 330
        CHECK(nav.Update(315.0));
        CHECK(Page(nav) == "c");
        CHECK(*nav.NextDeadline(315.0) == Approx(330.0));
    }
}

TEST_CASE("idle resume closes the details", "[navigation]")
{
    Navigation nav({{"a", 20}, {"b", 20}}, 0.0, Options(60.0));
    nav.Open(kIndicator12, 5.0);
    nav.Open(kAction27a, 6.0);
    CHECK(nav.Current() == kAction27a);
    CHECK(*nav.SecondsToResume(6.0) == Approx(60.0));
    CHECK_FALSE(nav.Update(65.9));
    CHECK(nav.InDetail());
    CHECK(nav.Update(66.0));
    CHECK_FALSE(nav.InDetail());
    CHECK(nav.Current() == View{ViewKind::Page, "a"});
}

TEST_CASE("back pops one detail, and home clears them and rotates from the first page", "[navigation]")
{
    Navigation nav({{"a", 20}, {"b", 20}, {"c", 20}}, 0.0);
    nav.Next(1.0);
    nav.Open(kIndicator12, 2.0);
    nav.Open(kIndicator12, 2.5); // a second tap on the same tile opens nothing more
    nav.Open(kAction27a, 3.0);
    nav.Back(4.0);
    CHECK(nav.Current() == kIndicator12);
    nav.Back(5.0);
    CHECK(nav.Current() == View{ViewKind::Page, "b"});
    CHECK_FALSE(nav.InDetail());
    // At page level Back does nothing but count as a touch.
    nav.Back(6.0);
    CHECK(nav.Current() == View{ViewKind::Page, "b"});
    CHECK(*nav.SecondsToResume(6.0) == Approx(90.0));

    nav.Open(kAction27a, 7.0);
    nav.Home(8.0);
    CHECK(nav.Current() == View{ViewKind::Page, "a"});
    CHECK_FALSE(nav.Paused());
    CHECK_FALSE(nav.SecondsToResume(8.0));
    CHECK(*nav.NextDeadline(8.0) == Approx(28.0));
    CHECK(nav.Update(28.0));
    CHECK(Page(nav) == "b");
}

TEST_CASE("swipes move pages, wrap, and close details", "[navigation]")
{
    Navigation nav({{"a", 20}, {"b", 20}, {"c", 20}}, 0.0);
    nav.Previous(1.0); // swipe right: the previous page, wrapping
    CHECK(Page(nav) == "c");
    CHECK(nav.Paused());
    nav.Next(2.0); // swipe left: the next page
    nav.Next(3.0);
    CHECK(Page(nav) == "b");
    nav.Open(kIndicator12, 4.0);
    nav.Next(5.0);
    CHECK(nav.Current() == View{ViewKind::Page, "c"});
    nav.Open(kIndicator12, 6.0);
    nav.Previous(7.0);
    CHECK(nav.Current() == View{ViewKind::Page, "b"});
    CHECK(*nav.SecondsToResume(7.0) == Approx(90.0));
}

TEST_CASE("space holds the page until space again or home", "[navigation]")
{
    Navigation nav({{"a", 20}, {"b", 20}}, 0.0, Options(90.0));
    nav.Open(kIndicator12, 1.0);
    nav.TogglePause(2.0);
    CHECK(nav.Held());
    CHECK(nav.Paused());
    CHECK_FALSE(nav.SecondsToResume(2.0));
    CHECK_FALSE(nav.NextDeadline(2.0));
    // A meeting holds the page for as long as it likes, touches or not.
    nav.Touched(100.0);
    CHECK_FALSE(nav.Update(10000.0));
    CHECK(nav.Current() == kIndicator12);

    SECTION("space again resumes the rotation at once from the page shown")
    {
        nav.TogglePause(10000.0);
        CHECK_FALSE(nav.Paused());
        CHECK(nav.Current() == View{ViewKind::Page, "a"});
        CHECK(*nav.NextDeadline(10000.0) == Approx(10020.0));
        CHECK(nav.Update(10020.0));
        CHECK(Page(nav) == "b");
    }
    SECTION("home ends the hold")
    {
        nav.Next(10000.0);
        REQUIRE(Page(nav) == "b");
        nav.Home(10001.0);
        CHECK_FALSE(nav.Paused());
        CHECK(Page(nav) == "a");
        CHECK(nav.Update(10021.0));
    }
}

TEST_CASE("a pinned board returns to its pinned page", "[navigation]")
{
    SECTION("pinned to a page in parts: the parts rotate, and resume returns to the first")
    {
        Navigation nav({{"front-door", 20}, {"front-door.2", 20}}, 0.0, Options(90.0, "front-door"));
        nav.Next(1.0);
        CHECK(Page(nav) == "front-door.2");
        nav.Open(kIndicator12, 2.0);
        CHECK(nav.Update(92.0));
        CHECK(nav.Current() == View{ViewKind::Page, "front-door"});
        CHECK(nav.Update(112.0));
        CHECK(Page(nav) == "front-door.2");
        nav.Home(113.0);
        CHECK(Page(nav) == "front-door");
    }
    SECTION("a pinned rotation: swipes still navigate, and the pin holds after resume")
    {
        Navigation nav({{"a", 20}, {"b", 20}, {"c", 20}}, 0.0, Options(90.0, "b"));
        nav.GetRotation().Pin("b");
        nav.Next(1.0);
        CHECK(Page(nav) == "c");
        CHECK(nav.Update(91.0));
        CHECK(Page(nav) == "b");
        CHECK(nav.GetRotation().Pinned());
        CHECK_FALSE(nav.NextDeadline(91.0));
        CHECK_FALSE(nav.Update(1000.0));
        nav.Previous(1001.0);
        nav.Home(1002.0);
        CHECK(Page(nav) == "b");
    }
}

TEST_CASE("the status view names the view shown", "[navigation]")
{
    Navigation nav({{"front-door", 20}, {"front-door.2", 20}}, 0.0);
    CHECK(nav.StatusView() == "front-door");
    nav.Next(1.0);
    CHECK(nav.StatusView() == "front-door.2");
    nav.Open(kIndicator12, 2.0);
    CHECK(nav.StatusView() == "indicator:12");
    nav.Open(kAction27a, 3.0);
    CHECK(nav.StatusView() == "action:2.7a");
    nav.Open({ViewKind::Changes, ""}, 4.0);
    CHECK(nav.StatusView() == "changes");
    nav.Open({ViewKind::Changes, "2023-03-17"}, 5.0);
    CHECK(nav.StatusView() == "changes:2023-03-17");
}

TEST_CASE("views whose target has gone are dropped", "[navigation]")
{
    Navigation nav({{"a", 20}, {"b", 20}}, 0.0);
    nav.Open(kIndicator12, 1.0);
    nav.Open(kAction27a, 2.0);
    nav.Open({ViewKind::Indicator, "7"}, 3.0);
    nav.DropViews([](const View& v) { return v.kind == ViewKind::Indicator && v.id == "7"; });
    CHECK(nav.Current() == kAction27a);
    nav.Back(4.0);
    CHECK(nav.Current() == kIndicator12);
    nav.DropViews([](const View& v) { return v.kind == ViewKind::Indicator; });
    CHECK(nav.Current() == View{ViewKind::Page, "a"});
    // Dropping views counts as no touch: the idle timer still runs from the last one.
    CHECK(*nav.SecondsToResume(10.0) == Approx(84.0));
}

TEST_CASE("a detail view named as the status file names it", "[navigation]")
{
    CHECK(ParseDetailView("indicator:12") == View{ViewKind::Indicator, "12"});
    CHECK(ParseDetailView("action:2.7a") == View{ViewKind::Action, "2.7a"});
    CHECK(ParseDetailView("changes") == View{ViewKind::Changes, ""});
    CHECK(ParseDetailView("changes:2023-03-17") == View{ViewKind::Changes, "2023-03-17"});
    // The lists every number opens, and a prefix with no id: a view that names nothing, which the screen
    // says, rather than a page of that name.
    CHECK(ParseDetailView("actions:overdue:priority:2") == View{ViewKind::Actions, "overdue:priority:2"});
    CHECK(ParseDetailView("indicators:off-target") == View{ViewKind::Indicators, "off-target"});
    CHECK(ParseDetailView("indicator:") == View{ViewKind::Indicator, ""});
    CHECK(ParseDetailView("action:") == View{ViewKind::Action, ""});
    for (const char* page : {"front-door", "front-door.2", "overdue", "changes:", "actionsx", ""})
        CHECK_FALSE(ParseDetailView(page));
    for (const char* id : {"actions:due:front-door", "indicators:off-target", "action:3.3", "indicator:"})
    {
        Navigation nav({{"a", 10}}, 0.0);
        nav.Open(*ParseDetailView(id), 1.0);
        CHECK(nav.StatusView() == id); // --page and the status file say the same
    }
}
