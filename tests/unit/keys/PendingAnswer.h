#pragma once

#include "Wait.h"

#include <functional>
#include <memory>
#include <optional>

namespace outpost::test {

// Collects the answer of an asynchronous KeyStore call. The slot is shared with the callback, so an answer
// that arrives after a timed-out wait (or after the test) writes into live memory, not into a dead frame.
template <typename Answer> class PendingAnswer
{
public:
    std::function<void(Answer)> callback() const
    {
        auto slot = m_slot;
        return [slot](Answer a) { *slot = std::move(a); };
    }
    bool arrived() const { return m_slot->has_value(); }
    bool wait(int timeoutMs = 10000) const
    {
        auto slot = m_slot;
        return waitUntil([slot] { return slot->has_value(); }, timeoutMs);
    }
    const Answer& get() const { return **m_slot; }

private:
    std::shared_ptr<std::optional<Answer>> m_slot = std::make_shared<std::optional<Answer>>();
};

} // namespace outpost::test
