// The real board in a real window under Xvfb: --screenshot renders every page of the playlist to PNG.
#include "core/digest.h"
#include "core/snapshot.h"

#include "test_support.h"

#include <stb_image.h>

#include <sys/wait.h>

#include <set>

using namespace wb;

namespace
{

struct Image
{
    int width = 0, height = 0;
    std::vector<unsigned char> rgba;
};

Image Load(const std::filesystem::path& path)
{
    Image image;
    int channels = 0;
    unsigned char* data = stbi_load(path.string().c_str(), &image.width, &image.height, &channels, 4);
    REQUIRE(data);
    image.rgba.assign(data, data + static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 4);
    stbi_image_free(data);
    return image;
}

// Pixels of one colour in rows [first_row, last_row) (all rows by default).
size_t CountColour(const Image& image, unsigned r, unsigned g, unsigned b, int first_row = 0,
                   int last_row = -1)
{
    if (last_row < 0)
        last_row = image.height;
    size_t count = 0;
    const size_t stride = static_cast<size_t>(image.width) * 4;
    for (size_t i = static_cast<size_t>(first_row) * stride; i < static_cast<size_t>(last_row) * stride;
         i += 4)
        count += image.rgba[i] == r && image.rgba[i + 1] == g && image.rgba[i + 2] == b;
    return count;
}

std::set<std::string> Files(const std::filesystem::path& dir)
{
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.insert(entry.path().filename().string());
    return names;
}

void Screenshots(const test::TempDir& dir, int width, int height, const std::string& options = "",
                 const std::string& plan = "plymouth")
{
    const Snapshot s = test::BuildDemo(plan);
    std::ofstream(dir.Path() / "snapshot.json") << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
    std::filesystem::create_directory(dir.Path() / "shots");
    const std::string command =
        "xvfb-run -a -s '-screen 0 " + std::to_string(width) + "x" + std::to_string(height) + "x24' " +
        WALLBOARD_EXE + " --feed file://" + (dir.Path() / "snapshot.json").string() + " --cache " +
        (dir.Path() / "cache.sqlite").string() + " --screenshot " + (dir.Path() / "shots").string() + " " +
        options + " > " + (dir.Path() / "log.txt").string() + " 2>&1";
    const int status = std::system(command.c_str());
    INFO(test::ReadFile(dir.Path() / "log.txt"));
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
}

} // namespace

TEST_CASE("screenshot mode writes one PNG per page, at the screen's size, with the plan's colours", "[xvfb]")
{
    for (const auto& [width, height] : std::vector<std::pair<int, int>>{{1920, 1080}, {1080, 1920}})
    {
        test::TempDir dir;
        Screenshots(dir, width, height);
        const Snapshot s = test::BuildDemo("plymouth");
        for (const Dashboard& d : s.dashboards)
        {
            const auto path = dir.Path() / "shots" / (d.id + ".png");
            INFO(path);
            REQUIRE(std::filesystem::exists(path));
            const Image image = Load(path);
            CHECK(image.width == width);
            CHECK(image.height == height);
            // Not blank: the page background and the plan's Amber E (#F1C40F), in the key strip of a team
            // page and in the priority bars of the overview.
            CHECK(CountColour(image, 18, 18, 20) > 0);
            CHECK(CountColour(image, 0xF1, 0xC4, 0x0F) > 100);
            if (d.kind == DashboardKind::Team)
            {
                CHECK(CountColour(image, 34, 36, 40) > 1000); // the tiles' panels
                CHECK(CountColour(image, 0xC0, 0x39, 0x2B) >
                      100); // the key's Red, shown though no row is red
            }
        }
        // The overdue page follows the dashboards, its day counts in the "bad" orange.
        const auto overdue = dir.Path() / "shots" / "overdue.png";
        REQUIRE(std::filesystem::exists(overdue));
        CHECK(CountColour(Load(overdue), 240, 128, 40) > 100);
    }
}

TEST_CASE("the configured playlist decides the pages, a long team in parts, an unknown one as its own page",
          "[xvfb]")
{
    test::TempDir dir;
    std::ofstream(dir.Path() / "board.toml") << "[[playlist]]\npage = \"initial-response\"\n"
                                                "[[playlist]]\npage = \"no-such-team\"\n"
                                                "[[playlist]]\npage = \"improvement-board\"\n";
    Screenshots(dir, 1920, 1080, "--windowed 1920x1080 --config " + (dir.Path() / "board.toml").string());
    // Initial Response has 13 indicators: four tiles fit at 1920x1080 at door sizes, so four parts.
    CHECK(Files(dir.Path() / "shots") ==
          std::set<std::string>{"initial-response.png", "initial-response.2.png", "initial-response.3.png",
                                "initial-response.4.png", "no-such-team.png", "improvement-board.png"});
    CHECK(test::ReadFile(dir.Path() / "log.txt").find("no page no-such-team") != std::string::npos);
}

TEST_CASE("a pinned team of several parts is shown in all of them", "[xvfb]")
{
    test::TempDir dir;
    Screenshots(dir, 1920, 1080, "--windowed 1920x1080 --page initial-response");
    CHECK(Files(dir.Path() / "shots") ==
          std::set<std::string>{"initial-response.png", "initial-response.2.png", "initial-response.3.png",
                                "initial-response.4.png"});
}

TEST_CASE("a panel mounted on its side shows the page upright, in portrait", "[xvfb]")
{
    for (const int degrees : {90, 270})
    {
        test::TempDir dir;
        Screenshots(dir, 1920, 1080,
                    "--windowed 1920x1080 --page improvement-board --rotation " + std::to_string(degrees));
        const Image image = Load(dir.Path() / "shots" / "improvement-board.png");
        INFO(degrees);
        // The screenshot is the page as people see it: portrait.
        CHECK(image.width == 1080);
        CHECK(image.height == 1920);
        // Upright: the amber band of the "monthly update is late" strip is at the foot, not at the head or
        // a side.
        const size_t strip = CountColour(image, 230, 190, 40, image.height - image.height / 20, image.height);
        CHECK(strip > static_cast<size_t>(image.width) * 4);
        CHECK(CountColour(image, 230, 190, 40, 0, image.height / 20) == 0);
    }
}

TEST_CASE("a board whose screen changes size rebuilds its fonts and goes on", "[xvfb]")
{
    // A TV switching modes, or a desk window resized: the fonts follow the new size, and the frame loop
    // takes the new fonts before it draws again (the old ones are freed).
    test::TempDir dir;
    const Snapshot s = test::BuildDemo("plymouth");
    std::ofstream(dir.Path() / "snapshot.json") << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
    const std::string log = (dir.Path() / "log.txt").string();
    const std::string status = (dir.Path() / "status.json").string();
    std::ofstream(dir.Path() / "run.sh")
        << "set -u\n"
        << WALLBOARD_EXE << " --feed file://" << (dir.Path() / "snapshot.json").string() << " --cache "
        << (dir.Path() / "cache.sqlite").string() << " --status-file " << status
        << " --windowed 1920x1080 --page front-door 2>" << log << " &\n"
        << "board=$!\n"
        // Wait for the board to draw (it names its page in the status file), then resize its window.
        << "for i in $(seq 300); do grep -q front-door " << status
        << " 2>/dev/null && break; sleep 0.1; done\n"
        << "xdotool search --sync --name Wallboard windowsize %@ 1280 720\n"
        << "for i in $(seq 300); do grep -q 'fonts rebuilt' " << log << " && break; sleep 0.1; done\n"
        << "kill -TERM $board\n"
        << "wait $board\n";
    const std::string command =
        "xvfb-run -a -s '-screen 0 1920x1080x24' sh " + (dir.Path() / "run.sh").string() + " >/dev/null 2>&1";
    const int exit_status = std::system(command.c_str());
    const std::string text = test::ReadFile(log);
    INFO(text);
    REQUIRE(WIFEXITED(exit_status));
    CHECK(WEXITSTATUS(exit_status) == 0); // stopped by SIGTERM, not by a crash
    // 2.6% of 720 px.
    CHECK(text.find("the screen is now 1280x720: fonts rebuilt at 18 px") != std::string::npos);
}

TEST_CASE("the board given any kind of id in --page, known, unknown or a parent, exits 0 with its page",
          "[xvfb][lists]")
{
    // Ids the screen itself shows (a parent ref: 3.3 of 3.3a...), typos, and every list kind.
    for (const std::string id :
         {"action:3.3", "action:9.9", "action:", "indicator:999", "indicator:", "indicator:12", "action:2.7a",
          "actions:overdue", "actions:overdue:priority:2", "actions:priority:2",
          "actions:priority:2:rating:E", "actions:due:front-door", "actions:overdue:front-door",
          "actions:nowhere", "indicators:off-target", "indicators:nothing"})
    {
        INFO(id);
        test::TempDir dir;
        Screenshots(dir, 1280, 720, "--windowed 1280x720 --page " + id);
        std::string name = id;
        std::replace(name.begin(), name.end(), ':', '-');
        const auto png = dir.Path() / "shots" / (name + ".png");
        REQUIRE(std::filesystem::exists(png));
        const Image image = Load(png);
        CHECK(image.width == 1280);
        CHECK(image.height == 720);
    }
}

TEST_CASE("burn-in care: no page of any demo plan has a large white or saturated area", "[xvfb][burn-in]")
{
    // Near white: every channel at least 200. Saturated: a bright colour (its strongest channel at least
    // 128) at least 60% saturated (HSV). The page's own words are white on dark; a TV ages under a large
    // block of either, held for hours on a pinned page or a late-data warning.
    for (const char* plan : {"plymouth", "plymouth-2015", "torbay", "jersey", "west-sussex"})
    {
        test::TempDir dir;
        Screenshots(dir, 1920, 1080, "", plan);
        for (const std::string& name : Files(dir.Path() / "shots"))
        {
            const Image image = Load(dir.Path() / "shots" / name);
            size_t white = 0, saturated = 0;
            for (size_t i = 0; i + 3 < image.rgba.size(); i += 4)
            {
                const int most = std::max({image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]});
                const int least = std::min({image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]});
                white += least >= 200;
                saturated += most >= 128 && (most - least) * 10 >= most * 6;
            }
            const double pixels = static_cast<double>(image.rgba.size() / 4);
            std::printf("%-12s %-32s %5.2f%% near white, %5.2f%% saturated\n", plan, name.c_str(),
                        100.0 * static_cast<double>(white) / pixels,
                        100.0 * static_cast<double>(saturated) / pixels);
            INFO(plan << " " << name);
            CHECK(static_cast<double>(white) < 0.06 * pixels);
            CHECK(static_cast<double>(saturated) < 0.05 * pixels);
        }
    }
}
