// Exponential backoff with jitter, capped, honouring Retry-After.
#include "core/backoff.h"

#include <algorithm>
#include <cmath>

namespace wb
{

int NextAttemptDelay(const BackoffPolicy& policy, int failures, std::optional<int> retry_after_s,
                     double jitter)
{
    double delay = policy.refresh_s;
    if (failures > 0)
    {
        const double base =
            std::min<double>(policy.cap_s, policy.refresh_s * std::pow(2.0, std::min(failures - 1, 30)));
        delay = base * (0.5 + 0.5 * std::clamp(jitter, 0.0, 1.0));
    }
    if (retry_after_s)
        delay = std::max<double>(delay, std::clamp(*retry_after_s, 0, policy.retry_after_max_s));
    return std::max(1, static_cast<int>(std::lround(delay)));
}

} // namespace wb
