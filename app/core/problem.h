// Errors as values at module edges: every problem says where it is and what a person can do about it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wb
{

struct Problem
{
    std::string where; // a JSON pointer ("/indicators/3/target") or "file:line"
    std::string what;  // a sentence a person can act on
};

// "where: what", one per line.
inline std::string FormatProblems(const std::vector<Problem>& problems)
{
    std::string text;
    for (const Problem& problem : problems)
    {
        text += problem.where.empty() ? problem.what : problem.where + ": " + problem.what;
        text += '\n';
    }
    return text;
}

// A value, or the problems that kept it from being made. Never both.
template <typename T>
class Result
{
  public:
    Result(T value) : m_value(std::move(value)) {}
    Result(std::vector<Problem> problems) : m_problems(std::move(problems)) {}

    bool Ok() const { return m_value.has_value(); }
    const T& Value() const& { return *m_value; }
    T&& Value() && { return std::move(*m_value); }
    const std::vector<Problem>& Problems() const { return m_problems; }

  private:
    std::optional<T> m_value;
    std::vector<Problem> m_problems;
};

} // namespace wb
