// When to try the feed again: the refresh interval after a success, exponential backoff with jitter
// after failures, never sooner than a server's Retry-After. Pure: the random number is passed in.
#pragma once

#include <optional>

namespace wb
{

struct BackoffPolicy
{
    int refresh_s = 60;           // seconds between fetches while all is well
    int cap_s = 600;              // the longest wait after failures (10 min)
    int retry_after_max_s = 3600; // a server's Retry-After is honoured up to this
};

// Seconds to wait before the next attempt. `failures` counts consecutive failed attempts (0 after a
// success). `jitter` is uniform in [0, 1): the wait after a failure is spread over [delay/2, delay) so
// that hundreds of screens that lost the network together do not return together.
int NextAttemptDelay(const BackoffPolicy& policy, int failures, std::optional<int> retry_after_s,
                     double jitter);

} // namespace wb
