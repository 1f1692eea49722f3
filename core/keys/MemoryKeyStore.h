#pragma once

#include "keys/KeyStore.h"

#include <optional>
#include <QHash>
#include <QString>

namespace outpost {

// A KeyStore that keeps secrets in this process only: for tests, and for runs that must not touch any
// OS keychain. Behaves like a real keychain where it matters to callers: every answer arrives later from
// the event loop (never inside the call), an unavailable store refuses everything, and failures can be
// injected. Changes take effect when the call is made; the answer is delivered afterwards, in call order.
// If the store is destroyed first, pending answers are dropped.
class MemoryKeyStore final : public KeyStore
{
    Q_OBJECT
public:
    explicit MemoryKeyStore(QObject* parent = nullptr);
    ~MemoryKeyStore() override;

    bool isAvailable() const override;
    QString backendName() const override;

    void read(const QString& account, ReadCallback done) override;
    void write(const QString& account, const SecretBytes& secret, WriteCallback done) override;
    void remove(const QString& account, WriteCallback done) override;

    // Unavailable: every call answers Status::Unavailable and nothing is changed (default: available).
    void setAvailable(bool available);
    // The next call (read, write or remove) fails with `status` and `message` and changes nothing.
    // An empty message is replaced by a generic one; Status::Ok cancels a pending injected failure.
    void failNext(Status status, const QString& message = {});

    bool contains(const QString& account) const;
    qsizetype size() const { return m_entries.size(); }

private:
    struct Failure
    {
        Status status = Status::Failed;
        QString message;
    };
    std::optional<Failure> takeFailure();
    QString unavailableMessage() const;
    void deliver(ReadCallback done, ReadResult result);
    void deliver(WriteCallback done, WriteResult result);

    QHash<QString, SecretBytes> m_entries;
    bool m_available = true;
    std::optional<Failure> m_nextFailure;
};

} // namespace outpost
