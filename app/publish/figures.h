// Figures as the plans print them: "64.1%", "189.2r", "1,147". One reader for month cells, targets and
// comparators, so a figure means the same wherever it is written.
#pragma once

#include "core/model.h"

#include <optional>
#include <string>
#include <string_view>

namespace wb::publish
{

// A plain decimal number with optional thousands separators in groups of three: "1,147", "-3.5".
std::optional<double> ParsePlainNumber(std::string_view text);

// A figure as the plan prints it: "64.1%", "189.2r", "1,147". The suffix must suit the unit: % only for
// percent, r only for rate_per_10k, so a shifted column is caught.
// Returns the number, or sets `why` to a sentence saying what is wrong.
std::optional<double> ParseFigure(std::string_view text, Unit unit, std::string& why);

} // namespace wb::publish
