// Figures as the plans print them (figures.h).
#include "publish/figures.h"

#include "core/snapshot.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace wb::publish
{

std::optional<double> ParsePlainNumber(std::string_view text)
{
    std::string digits;
    const size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    if (whole.find(',') != std::string_view::npos)
    {
        // Every group after the first comma must be exactly three digits.
        const size_t first_comma = whole.find(',');
        if (first_comma == 0 || first_comma > (whole[0] == '-' ? 4u : 3u))
            return std::nullopt;
        for (size_t i = first_comma; i < whole.size(); i += 4)
            if (whole[i] != ',' || i + 4 > whole.size())
                return std::nullopt;
    }
    for (char c : text)
        if (c != ',')
            digits.push_back(c);
    if (digits.empty() || digits.find_first_not_of("-.0123456789") != std::string::npos)
        return std::nullopt;
    double value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<double> ParseFigure(std::string_view text, Unit unit, std::string& why)
{
    const std::string quoted = "\"" + std::string(text) + "\"";
    std::string_view number = text;
    char suffix = 0;
    if (!number.empty() && (number.back() == '%' || number.back() == 'r'))
    {
        suffix = number.back();
        number.remove_suffix(1);
    }
    // Spaces around the number are allowed, also before its sign: "30 %".
    constexpr std::string_view kSpace = " \t\r\n";
    number.remove_prefix(std::min(number.find_first_not_of(kSpace), number.size()));
    number = number.substr(0, number.find_last_not_of(kSpace) + 1);
    auto value = ParsePlainNumber(number);
    if (!value)
    {
        why = quoted + " is not a number";
        return std::nullopt;
    }
    if (suffix == '%' && unit != Unit::Percent)
    {
        why = quoted + " has a % sign but the indicator's unit is " + std::string(ToString(unit)) +
              "; is the row or column shifted?";
        return std::nullopt;
    }
    if (suffix == 'r' && unit != Unit::RatePer10k)
    {
        why = quoted + " is marked as a rate (r) but the indicator's unit is " + std::string(ToString(unit)) +
              "; is the row or column shifted?";
        return std::nullopt;
    }
    return value;
}

} // namespace wb::publish
