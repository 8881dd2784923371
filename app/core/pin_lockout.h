// The admin keypad's lockout: a few wrong PINs are free, then each wrong one makes the keypad wait, twice
// as long as the one before, so a 4-digit PIN cannot be tried exhaustively by touch. No clock of its own:
// every call takes the caller's (seconds, monotonic), so tests drive it and nothing sleeps.
#pragma once

#include <optional>
#include <string>

namespace wb
{

struct PinLockoutPolicy
{
    int free_tries = 5;       // wrong PINs before the first wait
    double first_wait_s = 30; // the wait after the last free try; doubled for each wrong PIN after it
    double max_wait_s = 3600; // no wait is longer than this
};

class PinLockout
{
  public:
    explicit PinLockout(PinLockoutPolicy policy = {}) : m_policy(policy) {}

    // Until when no PIN may be tried; empty when one may be now.
    std::optional<double> WaitUntil(double now) const;

    // A PIN entered at `now`: a wrong one counts (and may start a wait), the right one starts the count
    // again. While waiting a PIN is not tried at all: returns false and counts nothing.
    bool Attempt(double now, bool right);

    int WrongTries() const { return m_wrong; }

    // What the keypad says while waiting, "Wait 2 min before trying again" (whole minutes above one,
    // then seconds); empty when not waiting.
    std::string WaitInWords(double now) const;

    // When those words next change (a minute or second less, or the wait's end): the caller's next
    // redraw. Empty when not waiting.
    std::optional<double> NextDeadline(double now) const;

  private:
    PinLockoutPolicy m_policy;
    int m_wrong = 0;
    double m_until = 0;
};

} // namespace wb
