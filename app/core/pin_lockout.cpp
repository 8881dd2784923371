// The keypad's waits after wrong PINs, and their words.
#include "core/pin_lockout.h"

#include <algorithm>
#include <cmath>

namespace wb
{
namespace
{

// The wait shown counts down in minutes above one minute, in seconds below.
double StepOf(double remaining)
{
    return remaining > 60.0 ? 60.0 : 1.0;
}

// Whole steps left, rounded up and at least one: a wait of 61 s is "2 min", of 0.2 s "1 s". (The epsilon
// keeps a time exactly on a step from counting as the step above it.)
double StepsLeft(double remaining)
{
    return std::max(1.0, std::ceil(remaining / StepOf(remaining) - 1e-9));
}

} // namespace

std::optional<double> PinLockout::WaitUntil(double now) const
{
    if (now >= m_until)
        return std::nullopt;
    return m_until;
}

bool PinLockout::Attempt(double now, bool right)
{
    if (WaitUntil(now))
        return false;
    if (right)
    {
        m_wrong = 0;
        return true;
    }
    ++m_wrong;
    if (m_wrong >= m_policy.free_tries)
    {
        // The exponent is bounded so that the doubling cannot overflow, however many tries.
        const int doublings = std::min(m_wrong - m_policy.free_tries, 30);
        m_until = now + std::min(std::ldexp(m_policy.first_wait_s, doublings), m_policy.max_wait_s);
    }
    return true;
}

std::string PinLockout::WaitInWords(double now) const
{
    if (!WaitUntil(now))
        return {};
    const double remaining = m_until - now;
    return "Wait " + std::to_string(static_cast<int>(StepsLeft(remaining))) +
           (StepOf(remaining) > 1.0 ? " min" : " s") + " before trying again";
}

std::optional<double> PinLockout::NextDeadline(double now) const
{
    if (!WaitUntil(now))
        return std::nullopt;
    const double remaining = m_until - now;
    return m_until - (StepsLeft(remaining) - 1.0) * StepOf(remaining);
}

} // namespace wb
