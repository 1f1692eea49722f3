#include "settings/CancellableKeyStore.h"

namespace outpost {

CancellableKeyStore::CancellableKeyStore(KeyStore* target, QObject* parent)
    : KeyStore(parent)
    , m_target(target)
{
}

bool CancellableKeyStore::isAvailable() const
{
    return m_target && m_target->isAvailable();
}

QString CancellableKeyStore::backendName() const
{
    return m_target ? m_target->backendName() : QString();
}

template <typename Result>
std::function<void(Result)> CancellableKeyStore::guarded(Request request, const QString& account,
                                                        std::function<void(Result)> done)
{
    ++m_outstanding;
    emit requestStarted(request, account);
    QPointer<CancellableKeyStore> self(this);
    return [self, generation = m_generation, request, account, done = std::move(done)](Result result) {
        if (!self || generation != self->m_generation)
            return; // cancelled, or the asker is gone
        --self->m_outstanding;
        emit self->answered(request, account);
        done(std::move(result));
    };
}

void CancellableKeyStore::read(const QString& account, ReadCallback done)
{
    auto answer = guarded<ReadResult>(Request::Read, account, std::move(done));
    if (m_target) {
        m_target->read(account, std::move(answer));
        return;
    }
    QMetaObject::invokeMethod(
        this, [answer] { answer({Status::Unavailable, {}, tr("No keychain is available.")}); }, Qt::QueuedConnection);
}

void CancellableKeyStore::write(const QString& account, const SecretBytes& secret, WriteCallback done)
{
    auto answer = guarded<WriteResult>(Request::Write, account, std::move(done));
    if (m_target) {
        m_target->write(account, secret, std::move(answer));
        return;
    }
    QMetaObject::invokeMethod(
        this, [answer] { answer({Status::Unavailable, tr("No keychain is available.")}); }, Qt::QueuedConnection);
}

void CancellableKeyStore::remove(const QString& account, WriteCallback done)
{
    auto answer = guarded<WriteResult>(Request::Remove, account, std::move(done));
    if (m_target) {
        m_target->remove(account, std::move(answer));
        return;
    }
    QMetaObject::invokeMethod(
        this, [answer] { answer({Status::Unavailable, tr("No keychain is available.")}); }, Qt::QueuedConnection);
}

void CancellableKeyStore::cancel()
{
    ++m_generation;
    m_outstanding = 0;
}

} // namespace outpost
