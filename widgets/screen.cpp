// The screen: views, taps, swipes and scrolling.
#include "widgets/screen.h"

#include "widgets/action_list_view.h"
#include "widgets/changes_page.h"

#include <algorithm>
#include <cfloat>

namespace wb::widgets
{
namespace
{

const Indicator* FindIndicator(const Snapshot& s, const std::string& id)
{
    const auto found = std::find_if(s.indicators.begin(), s.indicators.end(),
                                    [&](const Indicator& ind) { return ind.id == id; });
    return found == s.indicators.end() ? nullptr : &*found;
}

const Action* FindAction(const Snapshot& s, const std::string& id)
{
    const auto found =
        std::find_if(s.actions.begin(), s.actions.end(), [&](const Action& a) { return a.id == id; });
    return found == s.actions.end() ? nullptr : &*found;
}

// The view a tap on a page's or a list's hit opens.
View ViewOf(const Hit& hit)
{
    switch (hit.kind)
    {
    case HitKind::Indicator:
        return {ViewKind::Indicator, hit.id};
    case HitKind::Action:
        return {ViewKind::Action, hit.id};
    case HitKind::Changes:
        return {ViewKind::Changes, hit.id};
    case HitKind::Actions:
        return {ViewKind::Actions, hit.id};
    case HitKind::Indicators:
        break;
    }
    return {ViewKind::Indicators, hit.id};
}

// The list a view names, if it is a list: an action list, an indicator list, or a parent ref (an action
// id that is no row's but several rows' ref).
std::optional<ListView> ListFor(const BoardView& board, const View& view)
{
    switch (view.kind)
    {
    case ViewKind::Actions:
        return FindActionList(board, view.id);
    case ViewKind::Indicators:
        return FindIndicatorList(board, view.id);
    case ViewKind::Action:
        return view.id.empty() ? std::nullopt : FindActionList(board, "ref:" + view.id);
    default:
        return std::nullopt;
    }
}

// What to say when a view names nothing in this plan: a typo in --page or a playlist, or data that changed.
std::string NothingThere(const View& view)
{
    const auto named = [&](const char* prefix, const char* what, const char* example)
    {
        return view.id.empty() ? std::string("\"") + prefix + "\" names no " + what +
                                     ": give its id, as in " + prefix + example + "."
                               : std::string("This plan has no ") + what + " " + view.id + ".";
    };
    switch (view.kind)
    {
    case ViewKind::Indicator:
        return named("indicator:", "indicator", "12");
    case ViewKind::Action:
        return named("action:", "action", "2.7a");
    case ViewKind::Actions:
        return "This plan has no list of actions \"" + view.id +
               "\": lists are \"actions:overdue\", \"actions:priority:2\", \"actions:overdue:priority:2\", "
               "\"actions:due:<dashboard>\".";
    case ViewKind::Indicators:
        return "This plan has no list of indicators \"" + view.id +
               "\": the list is \"indicators:off-target\".";
    default:
        return "Nothing to show for \"" + view.id + "\".";
    }
}

// "What changed": Back and Home, then the comparison (or why there is none) below them.
DetailHits DrawChangesView(ImDrawList* draw, const Theme& theme, const Snapshot& s, const Changes* changes,
                           const std::string& since, const ScreenData& data, float px_per_mm, ImVec2 min,
                           ImVec2 max, std::vector<std::pair<ImRect, std::string>>& compare_hits, Hits& rows)
{
    const float em = theme.em;
    DetailHits hits = DrawDetailControls(draw, theme, px_per_mm, ImVec2(min.x + em, min.y + em));
    // "Compare with": the dates of the snapshots in the cache, as buttons as tall as Back and Home.
    compare_hits.clear();
    if (data.board && data.board->earlier.size() > 1)
    {
        float x = hits.home_max.x + em * 1.5f;
        const float top = hits.back_min.y;
        const float bottom = hits.back_max.y;
        const char* label = "Compare with";
        draw->AddText(theme.body, em, ImVec2(x, (top + bottom - em) * 0.5f), theme.dim_text, label);
        x += theme.body->CalcTextSizeA(em, FLT_MAX, 0.0f, label).x + em;
        for (const auto& [hash, as_of] : data.board->earlier)
        {
            const std::string date = FormatLongDate(as_of);
            const float width = theme.bold->CalcTextSizeA(em, FLT_MAX, 0.0f, date.c_str()).x + em * 1.6f;
            if (x + width > max.x - em)
                break;
            const bool chosen = hash == data.board->previous_hash;
            const ImU32 fill = chosen ? theme.good : IM_COL32(58, 62, 70, 255);
            draw->AddRectFilled(ImVec2(x, top), ImVec2(x + width, bottom), fill, em * 0.3f);
            draw->AddText(theme.bold, em, ImVec2(x + em * 0.8f, (top + bottom - em) * 0.5f), TextOn(fill),
                          date.c_str());
            compare_hits.emplace_back(ImRect(x, top, x + width, bottom), hash);
            x += width + em * 0.5f;
        }
    }
    const ImVec2 below(min.x, hits.back_max.y + em * 0.5f);
    if (changes)
        DrawChangesPage(draw, theme, s, *changes, since, below, max, &rows);
    else
        DrawWrappedText(
            draw, theme.bold, em * 1.3f, ImVec2(below.x + em, below.y + em), ImVec2(max.x - em, max.y),
            theme.text,
            "What changed needs an earlier snapshot of this plan, and the board's cache holds only "
            "this one. After next month's figures arrive, this page compares the two.",
            4);
    return hits;
}

} // namespace

void Screen::SetData(ScreenData data, Navigation& navigation)
{
    m_data = std::move(data);
    m_changes.reset();
    m_mentions.clear();
    m_page_hits.clear();
    m_detail.reset();
    m_list_rows.clear();
    m_list.reset();
    const Snapshot* s = m_data.view ? m_data.view->snapshot.get() : nullptr;
    navigation.DropViews(
        [&](const View& view)
        {
            if (!s)
                return view.kind != ViewKind::Page;
            switch (view.kind)
            {
            case ViewKind::Indicator:
                return FindIndicator(*s, view.id) == nullptr;
            case ViewKind::Action:
                return FindAction(*s, view.id) == nullptr && !ListFor(*m_data.view, view);
            case ViewKind::Actions:
            case ViewKind::Indicators:
                return !ListFor(*m_data.view, view);
            default:
                return false;
            }
        });
}

std::optional<ImVec2> Screen::KeypadKey(char key) const
{
    for (const KeyHit& hit : m_keys)
        if (hit.key == key)
            return ImVec2((hit.min.x + hit.max.x) * 0.5f, (hit.min.y + hit.max.y) * 0.5f);
    return std::nullopt;
}

// While the keypad is open it takes every gesture; only its keys do anything, and while it waits after
// wrong PINs, only Cancel.
bool Screen::ApplyToKeypad(const Gesture& gesture, double now)
{
    if (gesture.kind != GestureKind::Tap)
        return false;
    const auto hit = std::find_if(m_keys.begin(), m_keys.end(),
                                  [&](const KeyHit& k) {
                                      return gesture.x >= k.min.x && gesture.x < k.max.x &&
                                             gesture.y >= k.min.y && gesture.y < k.max.y;
                                  });
    if (hit == m_keys.end())
        return false;
    if (hit->key == 'C')
    {
        m_keypad_open = false;
        m_entered.clear();
    }
    else if (m_lockout.WaitUntil(now))
        return false;
    else if (hit->key == '<')
    {
        if (!m_entered.empty())
            m_entered.pop_back();
    }
    else
    {
        m_entered += hit->key;
        m_wrong = false;
        if (m_entered.size() == m_admin_pin.size())
        {
            m_exit_requested = m_entered == m_admin_pin;
            m_lockout.Attempt(now, m_exit_requested);
            m_wrong = !m_exit_requested;
            m_entered.clear();
        }
    }
    return true;
}

bool Screen::Apply(const Gesture& gesture, Navigation& navigation, double now)
{
    if (m_keypad_open)
    {
        navigation.Touched(now);
        return ApplyToKeypad(gesture, now);
    }
    const View before = navigation.Current();
    const float scroll_before = m_scroll;
    const ImVec2 at(gesture.x, gesture.y);
    switch (gesture.kind)
    {
    case GestureKind::SwipeLeft:
        navigation.Next(now);
        break;
    case GestureKind::SwipeRight:
        navigation.Previous(now);
        break;
    case GestureKind::ScrollBy:
        navigation.Touched(now);
        if (navigation.InDetail() && m_detail)
            m_scroll = std::clamp(m_scroll - gesture.dy, 0.0f, m_detail->MaxScroll());
        break;
    case GestureKind::Tap:
        if (const auto chosen = std::find_if(m_compare_hits.begin(), m_compare_hits.end(),
                                             [&](const auto& hit) { return hit.first.Contains(at); });
            chosen != m_compare_hits.end() && m_drawn == before)
        {
            navigation.Touched(now);
            if (!m_data.board || chosen->second != m_data.board->previous_hash)
            {
                m_compare_request = chosen->second;
                return true;
            }
        }
        else if (navigation.InDetail() && m_detail && m_drawn == before)
        {
            const DetailTap tap = HitTestDetail(*m_detail, at);
            if (tap.kind == DetailTapKind::Back)
                navigation.Back(now);
            else if (tap.kind == DetailTapKind::Home)
                navigation.Home(now);
            else if (tap.kind == DetailTapKind::Action)
                navigation.Open({ViewKind::Action, tap.action_id}, now);
            else if (const Hit* row = HitAt(m_list_rows, at))
                navigation.Open(ViewOf(*row), now);
            else
                navigation.Touched(now);
        }
        else if (const Hit* hit = HitAt(m_page_hits, at); hit && !navigation.InDetail() && m_drawn == before)
            navigation.Open(ViewOf(*hit), now);
        else
            navigation.Touched(now);
        break;
    case GestureKind::LongPress:
        navigation.Touched(now);
        if (!m_admin_pin.empty() && at.x >= m_clock_min.x && at.x < m_clock_max.x && at.y >= m_clock_min.y &&
            at.y < m_clock_max.y)
        {
            m_keypad_open = true;
            m_entered.clear();
            m_wrong = false;
            return true;
        }
        break;
    }
    return !(navigation.Current() == before) || m_scroll != scroll_before;
}

const Changes* Screen::ChangesFor(Date today)
{
    if (!m_data.board || !m_data.board->previous || !m_data.view || !m_data.view->snapshot)
        return nullptr;
    if (!m_changes || m_changes_today != today)
    {
        m_changes = CompareSnapshots(*m_data.board->previous, *m_data.view->snapshot, today);
        m_changes_today = today;
    }
    return &*m_changes;
}

const std::vector<const Action*>& Screen::MentionsOf(const Indicator& indicator)
{
    auto found = m_mentions.find(indicator.id);
    if (found == m_mentions.end())
        found = m_mentions.emplace(indicator.id, ActionsMentioning(*m_data.view->snapshot, indicator)).first;
    return found->second;
}

std::string Screen::Title(const View& view) const
{
    switch (view.kind)
    {
    case ViewKind::Indicator:
        return "Indicator " + view.id;
    case ViewKind::Action:
        return "Action " + view.id;
    case ViewKind::Changes:
        return "What changed";
    case ViewKind::Actions:
    case ViewKind::Indicators:
        if (m_data.view)
            if (const auto list = ListFor(*m_data.view, view))
                return list->title;
        return view.kind == ViewKind::Actions ? "Actions" : "Indicators";
    case ViewKind::Page:
        break;
    }
    return m_data.view ? PageTitle(*m_data.view, view.id) : view.id;
}

void Screen::Draw(ImDrawList* draw, const Theme& theme, const Navigation& navigation,
                  const PageContext& context, ImVec2 screen, float px_per_mm, double now)
{
    const View view = navigation.Current();
    if (!(view == m_drawn))
        m_scroll = 0;
    if (!navigation.Paused())
        m_keypad_open = false; // nobody finished: the rotation resumed
    // The clock sits at the top right of every view: 6 em wide, 3 em high.
    m_clock_min = ImVec2(screen.x - theme.em * 7.0f, 0);
    m_clock_max = ImVec2(screen.x, theme.em * 3.5f);
    m_drawn = view;
    m_page_hits.clear();
    m_detail.reset();
    m_list_rows.clear();
    m_compare_hits.clear();
    const Snapshot* s = m_data.view ? m_data.view->snapshot.get() : nullptr;
    if (view.kind == ViewKind::Page || !s)
    {
        m_page_hits = DrawBoard(draw, theme, m_data.view.get(), view.kind == ViewKind::Page ? view.id : "",
                                context, screen);
        DrawKeypad(draw, theme, screen, px_per_mm, now);
        return;
    }
    const ImVec2 max = PageArea(theme, screen);
    // No background quad: the window clears to theme.background's colour, and on a software rasteriser a
    // full-screen quad costs about 40% of a rotating wall's CPU (bench_board.sh rotating).
    // A list, worked out once per view and data (the view, then the parent ref an unknown action id may be).
    if (!m_list || m_list->first != view)
        m_list.emplace(view, view.kind == ViewKind::Action && FindAction(*s, view.id)
                                 ? std::nullopt
                                 : ListFor(*m_data.view, view));
    const Indicator* indicator = view.kind == ViewKind::Indicator ? FindIndicator(*s, view.id) : nullptr;
    const Action* action = view.kind == ViewKind::Action ? FindAction(*s, view.id) : nullptr;
    if (m_list->second)
    {
        ListViewHits hits =
            DrawListView(draw, theme, *m_data.view, *m_list->second, px_per_mm, m_scroll, ImVec2(0, 0), max);
        m_detail = hits.controls;
        m_list_rows = std::move(hits.rows);
    }
    else if ((view.kind == ViewKind::Indicator && !indicator) || (view.kind == ViewKind::Action && !action) ||
             view.kind == ViewKind::Actions || view.kind == ViewKind::Indicators)
        m_detail = DrawProblemView(draw, theme, NothingThere(view), px_per_mm, ImVec2(0, 0), max).controls;
    else if (view.kind == ViewKind::Indicator)
    {
        // An empty history draws the snapshot's own months.
        static const std::vector<PeriodValue> kNone;
        const std::vector<PeriodValue>* months = &kNone;
        if (m_data.board)
            if (const auto found = m_data.board->history.find(view.id); found != m_data.board->history.end())
                months = &found->second;
        m_detail = DrawIndicatorDetail(draw, theme, *s, *indicator, *months, MentionsOf(*indicator),
                                       px_per_mm, m_scroll, ImVec2(0, 0), max);
    }
    else if (view.kind == ViewKind::Action)
        m_detail =
            DrawActionDetail(draw, theme, *s, *action, context.today, px_per_mm, m_scroll, ImVec2(0, 0), max);
    else if (const Changes* changes = ChangesFor(context.today))
    {
        m_detail =
            DrawChangesView(draw, theme, *s, changes, FormatLongDate(m_data.board->previous->plan.as_of),
                            m_data, px_per_mm, ImVec2(0, 0), max, m_compare_hits, m_list_rows);
    }
    else
        m_detail = DrawChangesView(draw, theme, *s, nullptr, "", m_data, px_per_mm, ImVec2(0, 0), max,
                                   m_compare_hits, m_list_rows);
    m_scroll = std::clamp(m_scroll, 0.0f, m_detail->MaxScroll());
    DrawStatusStrip(draw, theme, context, ImVec2(0, 0), screen);
    DrawKeypad(draw, theme, screen, px_per_mm, now);
}

// The admin keypad over the view: the digits entered as dots, keys of at least 12 mm. While it waits after
// wrong PINs it says how long, and its keys but Cancel are dimmed.
void Screen::DrawKeypad(ImDrawList* draw, const Theme& theme, ImVec2 screen, float px_per_mm, double now)
{
    m_keys.clear();
    if (!m_keypad_open)
        return;
    const float em = theme.em;
    const float key = std::max(px_per_mm * 14.0f, em * 3.0f);
    const float gap = em * 0.5f;
    const char* title = "Admin PIN to close Wallboard";
    const std::string wait = m_lockout.WaitInWords(now);
    const std::string shown = !wait.empty() ? wait
                              : m_wrong     ? "Wrong PIN"
                                            : std::string(m_entered.size(), '*');
    const float shown_size = wait.empty() ? em * 1.4f : em; // the wait in words fits at the body size
    const float keys_width = key * 3 + gap * 2;
    const float width = std::max({keys_width, TextWidth(theme.bold, em, title),
                                  wait.empty() ? 0.0f : TextWidth(theme.bold, shown_size, shown)}) +
                        em * 2;
    const float height = em * 5.0f + key * 4 + gap * 3 + em;
    const ImVec2 min((screen.x - width) * 0.5f, (screen.y - height) * 0.5f);
    const ImVec2 max(min.x + width, min.y + height);
    draw->AddRectFilled(ImVec2(0, 0), screen, IM_COL32(0, 0, 0, 160));
    draw->AddRectFilled(min, max, theme.panel, em * 0.5f);
    DrawClippedText(draw, theme.bold, em, ImVec2(min.x + em, min.y + em * 0.8f),
                    ImVec2(max.x - em, min.y + em * 2), theme.text, title);
    DrawClippedText(draw, theme.bold, shown_size, ImVec2(min.x + em, min.y + em * 2.4f),
                    ImVec2(max.x - em, min.y + em * 4.2f), m_wrong || !wait.empty() ? theme.bad : theme.text,
                    shown);
    static constexpr char kKeys[] = "123456789C0<";
    for (int i = 0; i < 12; ++i)
    {
        const ImVec2 a(min.x + (width - keys_width) * 0.5f + static_cast<float>(i % 3) * (key + gap),
                       min.y + em * 5.0f + static_cast<float>(i / 3) * (key + gap));
        const ImVec2 b(a.x + key, a.y + key);
        const char k = kKeys[i];
        const bool off = !wait.empty() && k != 'C';
        draw->AddRectFilled(a, b, off ? IM_COL32(40, 43, 49, 255) : IM_COL32(58, 62, 70, 255), em * 0.3f);
        const std::string label = k == 'C' ? "Cancel" : k == '<' ? "Delete" : std::string(1, k);
        const float size = k == 'C' || k == '<' ? em * 0.8f : em * 1.6f;
        const ImVec2 text = theme.bold->CalcTextSizeA(size, FLT_MAX, 0.0f, label.c_str());
        draw->AddText(theme.bold, size, ImVec2(a.x + (key - text.x) * 0.5f, a.y + (key - text.y) * 0.5f),
                      off ? theme.dim_text : theme.text, label.c_str());
        m_keys.push_back({a, b, k});
    }
}

} // namespace wb::widgets
