#include "core/backoff.h"

#include <catch2/catch.hpp>

using namespace wb;

TEST_CASE("after a success the next fetch waits the refresh interval", "[backoff]")
{
    CHECK(NextAttemptDelay({60, 600}, 0, std::nullopt, 0.7) == 60);
}

TEST_CASE("failures back off exponentially with jitter, up to the cap", "[backoff]")
{
    const BackoffPolicy policy{60, 600};
    // Jitter spreads each wait over [delay/2, delay).
    CHECK(NextAttemptDelay(policy, 1, std::nullopt, 0.0) == 30);
    CHECK(NextAttemptDelay(policy, 1, std::nullopt, 0.999) == 60);
    CHECK(NextAttemptDelay(policy, 2, std::nullopt, 0.999) == 120);
    CHECK(NextAttemptDelay(policy, 3, std::nullopt, 0.999) == 240);
    CHECK(NextAttemptDelay(policy, 5, std::nullopt, 0.999) == 600);
    CHECK(NextAttemptDelay(policy, 50, std::nullopt, 0.999) == 600);
    CHECK(NextAttemptDelay(policy, 50, std::nullopt, 0.0) == 300);
}

TEST_CASE("Retry-After is honoured as the least wait, within reason", "[backoff]")
{
    const BackoffPolicy policy{60, 600};
    CHECK(NextAttemptDelay(policy, 1, 120, 0.0) == 120);
    CHECK(NextAttemptDelay(policy, 1, 5, 0.999) == 60);
    CHECK(NextAttemptDelay(policy, 1, 999999, 0.0) == 3600);
}
