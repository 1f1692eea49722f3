#include "keys/MemoryKeyStore.h"

#include <QMetaObject>
#include <utility>

namespace outpost {

MemoryKeyStore::MemoryKeyStore(QObject* parent)
    : KeyStore(parent)
{}

MemoryKeyStore::~MemoryKeyStore() = default;

bool MemoryKeyStore::isAvailable() const
{
    return m_available;
}

QString MemoryKeyStore::backendName() const
{
    return tr("In-memory store (not persistent)");
}

void MemoryKeyStore::setAvailable(bool available)
{
    m_available = available;
}

void MemoryKeyStore::failNext(Status status, const QString& message)
{
    if (status == Status::Ok) {
        m_nextFailure.reset();
        return;
    }
    m_nextFailure =
        Failure{status, message.isEmpty() ? tr("The key store failed (injected failure).") : message};
}

bool MemoryKeyStore::contains(const QString& account) const
{
    return m_entries.contains(account);
}

std::optional<MemoryKeyStore::Failure> MemoryKeyStore::takeFailure()
{
    if (!m_available)
        return Failure{Status::Unavailable, unavailableMessage()};
    if (m_nextFailure)
        return std::exchange(m_nextFailure, std::nullopt);
    return std::nullopt;
}

QString MemoryKeyStore::unavailableMessage() const
{
    return tr("No keychain is available on this computer. Protect the database with a passphrase instead.");
}

void MemoryKeyStore::read(const QString& account, ReadCallback done)
{
    ReadResult result;
    if (auto failure = takeFailure()) {
        result.status = failure->status;
        result.message = failure->message;
    } else if (auto it = m_entries.constFind(account); it != m_entries.constEnd()) {
        result.status = Status::Ok;
        result.secret = it.value();
    } else {
        result.status = Status::NotFound;
        result.message = tr("No key is stored for \u201c%1\u201d.").arg(account);
    }
    deliver(std::move(done), std::move(result));
}

void MemoryKeyStore::write(const QString& account, const SecretBytes& secret, WriteCallback done)
{
    WriteResult result;
    if (auto failure = takeFailure()) {
        result.status = failure->status;
        result.message = failure->message;
    } else {
        m_entries.insert(account, secret);
        result.status = Status::Ok;
    }
    deliver(std::move(done), std::move(result));
}

void MemoryKeyStore::remove(const QString& account, WriteCallback done)
{
    WriteResult result;
    if (auto failure = takeFailure()) {
        result.status = failure->status;
        result.message = failure->message;
    } else {
        // Removing an absent entry succeeds, as it does in the OS keychains.
        m_entries.remove(account);
        result.status = Status::Ok;
    }
    deliver(std::move(done), std::move(result));
}

void MemoryKeyStore::deliver(ReadCallback done, ReadResult result)
{
    if (!done)
        return;
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
        Qt::QueuedConnection);
}

void MemoryKeyStore::deliver(WriteCallback done, WriteResult result)
{
    if (!done)
        return;
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
        Qt::QueuedConnection);
}

} // namespace outpost
