#pragma once

#include "util/SecretBytes.h"

#include <QObject>
#include <QString>

#include <functional>

namespace outpost {

// Where a profile's database key is kept. Calls are asynchronous (the OS keychain may ask the user);
// `done` is always invoked later from the event loop of the calling thread, never inside the call.
class KeyStore : public QObject
{
    Q_OBJECT
public:
    enum class Status {
        Ok,
        NotFound,      // no entry: a first run, or the entry was removed — not a failure of the keychain
        Unavailable,   // no keychain service on this machine (offer the passphrase mode)
        Denied,        // the user or the OS refused access
        Failed,        // any other backend error; message says what
    };
    Q_ENUM(Status)

    struct ReadResult
    {
        Status status = Status::Failed;
        SecretBytes secret;
        QString message; // user-readable when status != Ok
    };
    struct WriteResult
    {
        Status status = Status::Failed;
        QString message;
    };

    using ReadCallback = std::function<void(ReadResult)>;
    using WriteCallback = std::function<void(WriteResult)>;

    explicit KeyStore(QObject* parent = nullptr) : QObject(parent) {}
    ~KeyStore() override = default;

    // Whether a keychain backend exists at all on this machine (cheap, synchronous).
    virtual bool isAvailable() const = 0;
    // Human-readable backend name for settings and diagnostics ("Secret Service", "macOS Keychain", …).
    virtual QString backendName() const = 0;

    virtual void read(const QString& account, ReadCallback done) = 0;
    virtual void write(const QString& account, const SecretBytes& secret, WriteCallback done) = 0;
    virtual void remove(const QString& account, WriteCallback done) = 0;

    static constexpr const char* ServiceName = "Outpost";
};

} // namespace outpost
