#pragma once

#include "keys/KeyStore.h"

#include <QPointer>

namespace outpost {

// Forwards to another KeyStore and can give up on the answers still to come: after cancel(), or once this
// object is gone, a late answer is dropped and whoever asked is never called back. This is how a dialog
// stops waiting for a keychain that does not answer (a prompt nobody sees, a hung Secret Service) without
// the work behind the request ever running on. It also tells when a request starts and when its answer
// is passed on, so the dialog can follow multi-step work (ProfileManager::rotateKey).
class CancellableKeyStore final : public KeyStore
{
    Q_OBJECT
public:
    enum class Request { Read, Write, Remove };
    Q_ENUM(Request)

    // `target` may be null (no keychain): every request then answers Status::Unavailable.
    explicit CancellableKeyStore(KeyStore* target, QObject* parent = nullptr);

    bool isAvailable() const override;
    QString backendName() const override;

    void read(const QString& account, ReadCallback done) override;
    void write(const QString& account, const SecretBytes& secret, WriteCallback done) override;
    void remove(const QString& account, WriteCallback done) override;

    // Drops the answers of every request made so far; later requests are forwarded as usual.
    void cancel();
    // Requests whose answers have not been passed on (and were not cancelled).
    int outstanding() const { return m_outstanding; }

signals:
    void requestStarted(outpost::CancellableKeyStore::Request request, const QString& account);
    // Emitted just before the answer is passed on to the caller.
    void answered(outpost::CancellableKeyStore::Request request, const QString& account);

private:
    template <typename Result>
    std::function<void(Result)> guarded(Request request, const QString& account, std::function<void(Result)> done);

    QPointer<KeyStore> m_target;
    quint64 m_generation = 0;
    int m_outstanding = 0;
};

} // namespace outpost
