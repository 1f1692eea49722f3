#include "keys/QtKeychainKeyStore.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <qt6keychain/keychain.h>

#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
#define OUTPOST_KEYCHAIN_OVER_DBUS 1
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>
#endif

#include <utility>

namespace outpost {

Q_LOGGING_CATEGORY(lcKeychain, "outpost.keys.keychain")

namespace {

// QtKeychain keeps its own copies of the secret (the job's buffer, shared with ours): overwrite them before
// the job frees them. Writes into a heap buffer the job owns and no longer needs.
void wipeShared(const QByteArray& b)
{
    if (b.isEmpty())
        return;
    volatile char* p = const_cast<char*>(b.constData());
    for (qsizetype i = 0; i < b.size(); ++i)
        p[i] = 0;
}

QString serviceName()
{
    return QLatin1String(KeyStore::ServiceName);
}

} // namespace

QtKeychainKeyStore::QtKeychainKeyStore(QObject* parent)
    : KeyStore(parent)
{}

QtKeychainKeyStore::~QtKeychainKeyStore() = default;

bool QtKeychainKeyStore::isAvailable() const
{
#ifdef OUTPOST_KEYCHAIN_OVER_DBUS
    // QtKeychain 0.13 has no QKeychain::isAvailable(): look for a Secret Service (or KWallet) on the
    // session bus, running or activatable. Two quick calls to the bus daemon.
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    QDBusConnectionInterface* bd = bus.interface();
    if (!bd)
        return false;
    const QStringList backends = {
        QStringLiteral("org.freedesktop.secrets"),
        QStringLiteral("org.kde.kwalletd6"),
        QStringLiteral("org.kde.kwalletd5"),
        QStringLiteral("org.kde.kwalletd"),
    };
    const auto anyOf = [&backends](const QStringList& names) {
        for (const QString& b : backends)
            if (names.contains(b))
                return true;
        return false;
    };
    const QDBusReply<QStringList> registered = bd->registeredServiceNames();
    if (registered.isValid() && anyOf(registered.value()))
        return true;
    const QDBusReply<QStringList> activatable = bd->activatableServiceNames();
    return activatable.isValid() && anyOf(activatable.value());
#else
    return true;
#endif
}

QString QtKeychainKeyStore::backendName() const
{
#if defined(Q_OS_WIN)
    return tr("Windows Credential Manager");
#elif defined(Q_OS_DARWIN)
    return tr("macOS Keychain");
#else
    return tr("Secret Service");
#endif
}

KeyStore::Status QtKeychainKeyStore::statusForKeychainError(int keychainError)
{
    switch (static_cast<QKeychain::Error>(keychainError)) {
    case QKeychain::NoError:
        return Status::Ok;
    case QKeychain::EntryNotFound:
        return Status::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Status::Unavailable;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Status::Denied;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return Status::Failed;
}

QString QtKeychainKeyStore::messageFor(Status status, Operation operation, const QString& account,
                                       const QString& backendError) const
{
    const QString backend = backendName();
    const QString detail = backendError.trimmed().isEmpty() ? tr("no details given") : backendError.trimmed();
    switch (status) {
    case Status::Ok:
        return {};
    case Status::NotFound:
        return tr("No database key for \u201c%1\u201d is stored in the %2.").arg(account, backend);
    case Status::Unavailable:
        return tr("The %1 is not available on this computer (%2). Start or install it and try again, or "
                  "protect the database with a passphrase instead.")
            .arg(backend, detail);
    case Status::Denied:
        return tr("Access to the database key in the %1 was refused (%2). Unlock the keychain or allow "
                  "Outpost to use it, then try again.")
            .arg(backend, detail);
    case Status::Failed:
        break;
    }
    switch (operation) {
    case Operation::Read:
        return tr("Outpost could not read the database key from the %1: %2. Check that the keychain is "
                  "running and unlocked, then try again.")
            .arg(backend, detail);
    case Operation::Write:
        return tr("Outpost could not save the database key in the %1: %2. Check that the keychain is running "
                  "and unlocked, then try again.")
            .arg(backend, detail);
    case Operation::Remove:
        return tr("Outpost could not remove the database key from the %1: %2. Check that the keychain is "
                  "running and unlocked, then try again.")
            .arg(backend, detail);
    }
    return detail;
}

bool QtKeychainKeyStore::usable(Status* status, QString* message, Operation operation,
                                const QString& account) const
{
    if (isAvailable())
        return true;
    *status = Status::Unavailable;
    *message = messageFor(Status::Unavailable, operation, account,
                          tr("no keychain service answers on the session D-Bus"));
    return false;
}

void QtKeychainKeyStore::post(ReadCallback done, ReadResult result)
{
    if (done)
        QMetaObject::invokeMethod(
            this, [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
            Qt::QueuedConnection);
}

void QtKeychainKeyStore::post(WriteCallback done, WriteResult result)
{
    if (done)
        QMetaObject::invokeMethod(
            this, [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
            Qt::QueuedConnection);
}

void QtKeychainKeyStore::read(const QString& account, ReadCallback done)
{
    ReadResult early;
    if (!usable(&early.status, &early.message, Operation::Read, account)) {
        post(std::move(done), std::move(early));
        return;
    }

    auto* job = new QKeychain::ReadPasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this,
            [this, account, done = std::move(done)](QKeychain::Job* finished) mutable {
                ReadResult result;
                result.status = statusForKeychainError(finished->error());
                if (result.status == Status::Ok) {
                    const QByteArray data = static_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData();
                    result.secret = SecretBytes(data);
                    wipeShared(data);
                } else {
                    if (result.status != Status::NotFound)
                        qCWarning(lcKeychain) << "reading" << account << "failed:" << finished->error()
                                              << finished->errorString();
                    result.message =
                        messageFor(result.status, Operation::Read, account, finished->errorString());
                }
                post(std::move(done), std::move(result));
            });
    job->start();
}

void QtKeychainKeyStore::write(const QString& account, const SecretBytes& secret, WriteCallback done)
{
    WriteResult early;
    if (!usable(&early.status, &early.message, Operation::Write, account)) {
        post(std::move(done), std::move(early));
        return;
    }

    // A buffer of our own (never shared with the caller's SecretBytes), wiped once the job is done with it.
    const QByteArray data(secret.constData(), secret.size());
    auto* job = new QKeychain::WritePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    job->setBinaryData(data);
    connect(job, &QKeychain::Job::finished, this,
            [this, account, data, done = std::move(done)](QKeychain::Job* finished) mutable {
                wipeShared(data);
                WriteResult result;
                result.status = statusForKeychainError(finished->error());
                if (result.status != Status::Ok) {
                    qCWarning(lcKeychain)
                        << "writing" << account << "failed:" << finished->error() << finished->errorString();
                    result.message =
                        messageFor(result.status, Operation::Write, account, finished->errorString());
                }
                post(std::move(done), std::move(result));
            });
    job->start();
}

void QtKeychainKeyStore::remove(const QString& account, WriteCallback done)
{
    WriteResult early;
    if (!usable(&early.status, &early.message, Operation::Remove, account)) {
        post(std::move(done), std::move(early));
        return;
    }

    auto* job = new QKeychain::DeletePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this,
            [this, account, done = std::move(done)](QKeychain::Job* finished) mutable {
                WriteResult result;
                result.status = statusForKeychainError(finished->error());
                // Removing an entry that is not there leaves the keychain as the caller wants it.
                if (result.status == Status::NotFound)
                    result.status = Status::Ok;
                if (result.status != Status::Ok) {
                    qCWarning(lcKeychain)
                        << "removing" << account << "failed:" << finished->error() << finished->errorString();
                    result.message =
                        messageFor(result.status, Operation::Remove, account, finished->errorString());
                }
                post(std::move(done), std::move(result));
            });
    job->start();
}

} // namespace outpost
