#pragma once

#include "keys/KeyStore.h"

namespace outpost {

// KeyStore over the OS keychain through QtKeychain: the Secret Service (GNOME Keyring, KWallet) on Linux,
// the Windows Credential Manager, the macOS Keychain. Entries live under service KeyStore::ServiceName with
// the account string as key; secrets are stored as binary data.
//
// Answers are delivered from this object's thread's event loop, never inside the call. If the store is
// destroyed first, pending answers are dropped (the keychain operation itself still completes).
// QtKeychain runs one operation at a time per process, in call order; use the store from one thread.
class QtKeychainKeyStore final : public KeyStore
{
    Q_OBJECT
public:
    explicit QtKeychainKeyStore(QObject* parent = nullptr);
    ~QtKeychainKeyStore() override;

    // On Linux: a session D-Bus is reachable and a Secret Service or KWallet is running or can be
    // activated on it. On Windows and macOS the keychain is part of the OS: always true.
    bool isAvailable() const override;
    QString backendName() const override;

    void read(const QString& account, ReadCallback done) override;
    void write(const QString& account, const SecretBytes& secret, WriteCallback done) override;
    void remove(const QString& account, WriteCallback done) override;

    // How a QtKeychain error code (QKeychain::Error, passed as int) maps onto Status.
    static Status statusForKeychainError(int keychainError);

private:
    enum class Operation
    {
        Read,
        Write,
        Remove
    };
    QString messageFor(Status status, Operation operation, const QString& account,
                       const QString& backendError) const;
    bool usable(Status* status, QString* message, Operation operation, const QString& account) const;
    // Answers always arrive from the event loop, even when QtKeychain finishes synchronously.
    void post(ReadCallback done, ReadResult result);
    void post(WriteCallback done, WriteResult result);
};

} // namespace outpost
