// The seed plans' dates, as config/demo/*/plan.toml give them: what month-only dues, two-digit years and
// dates inside targets are read against in the publisher's tests.
#pragma once

#include "publish/date_words.h"

namespace wb::test
{

inline Date Iso(const char* text)
{
    return *ParseIsoDate(text);
}

inline const publish::PlanDates kPlymouth{Iso("2023-04-17"), Iso("2023-02-24")};     // as of 17 April 2023
inline const publish::PlanDates kPlymouth2015{Iso("2015-05-01"), Iso("2015-03-11")}; // spring 2015
inline const publish::PlanDates kTorbay{Iso("2019-12-02"), Iso("2019-10-21")};       // begun 21 Oct 2019
inline const publish::PlanDates kWestSussex{Iso("2019-07-31"), std::nullopt};        // a draft, no start
inline const publish::PlanDates kJersey{Iso("2018-07-31"), Iso("2018-07-01")};       // phase 1, Jul-Oct 2018

} // namespace wb::test
