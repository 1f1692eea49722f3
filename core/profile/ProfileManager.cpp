#include "profile/ProfileManager.h"

#include "keys/KeyStore.h"
#include "keys/PassphraseKeyWrap.h"
#include "util/Uuid.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThreadPool>

namespace outpost {

namespace {

Error fromKeyStore(KeyStore::Status status, const QString& message, const ProfileInfo& info)
{
    switch (status) {
    case KeyStore::Status::NotFound:
        return Error(ErrorCode::NotFound,
                     ProfileManager::tr("The key of profile \"%1\" is not in this computer's keychain. If the profile "
                                        "was copied from another computer, open it there and export it, or restore "
                                        "the keychain. The database was not changed.")
                         .arg(info.name));
    case KeyStore::Status::Unavailable:
        return Error(ErrorCode::KeychainUnavailable,
                     ProfileManager::tr("The system keychain is not available (%1). Start your desktop's keyring "
                                        "service and try again; the database was not changed.")
                         .arg(message));
    case KeyStore::Status::Denied:
        return Error(ErrorCode::KeychainDenied,
                     ProfileManager::tr("Access to the keychain was refused (%1). Allow Outpost to use it and try "
                                        "again.")
                         .arg(message));
    default:
        return Error(ErrorCode::Unknown, ProfileManager::tr("The keychain reported an error: %1").arg(message));
    }
}

Status writeFileAtomically(const QString& path, const QByteArray& data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, ProfileManager::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString()));
    f.write(data);
    if (!f.commit())
        return Error(ErrorCode::Io, ProfileManager::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString()));
    return {};
}

Result<WrappedKey> readWrappedKey(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::NotFound,
                     ProfileManager::tr("The wrapped key file %1 is missing or unreadable (%2). The database cannot "
                                        "be unlocked without it; restore it from a backup.")
                         .arg(QDir::toNativeSeparators(path), f.errorString()));
    return WrappedKey::fromJson(f.read(64 * 1024));
}

} // namespace

ProfileManager::ProfileManager(KeyStore* keychain, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_keychain(keychain)
    , m_clock(clock)
{
}

QString ProfileManager::defaultRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("profiles"));
}

ProfileManager::Listing ProfileManager::scan(const QString& root)
{
    Listing out;
    const QDir dir(root);
    const QStringList entries = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& e : entries) {
        const QString path = dir.filePath(e);
        if (!ProfileInfo::exists(path))
            continue; // not a profile folder
        auto info = ProfileInfo::read(path);
        if (info)
            out.profiles << info.value();
        else
            out.problems << tr("%1: %2").arg(QDir::toNativeSeparators(path), info.message());
    }
    return out;
}

QString ProfileManager::pendingAccount(const ProfileInfo& info)
{
    return info.id + QStringLiteral(".pending");
}

QString ProfileManager::pendingWrappedKeyPath(const ProfileInfo& info)
{
    return info.wrappedKeyPath() + QStringLiteral(".pending");
}

void ProfileManager::runInBackground(std::function<void()> work, std::function<void()> then)
{
    QPointer<ProfileManager> self(this);
    QThreadPool::globalInstance()->start([self, work = std::move(work), then = std::move(then)]() mutable {
        work();
        if (self)
            QMetaObject::invokeMethod(self.data(), std::move(then), Qt::QueuedConnection);
    });
}

void ProfileManager::create(const NewProfile& request, WorkspaceCallback done)
{
    auto fail = [&](Error e) {
        QMetaObject::invokeMethod(this, [done, e] { done(e); }, Qt::QueuedConnection);
    };
    if (request.dir.isEmpty())
        return fail(Error(ErrorCode::InvalidArgument, tr("Choose a folder for the profile.")));
    if (ProfileInfo::exists(request.dir))
        return fail(Error(ErrorCode::AlreadyExists,
                          tr("%1 already holds a profile; it was left as it is.").arg(QDir::toNativeSeparators(request.dir))));
    if (!QDir().mkpath(request.dir))
        return fail(Error(ErrorCode::Io, tr("Could not create the folder %1.").arg(QDir::toNativeSeparators(request.dir))));

    ProfileInfo info;
    info.dir = QDir(request.dir).absolutePath();
    info.id = newUuidV7();
    info.name = request.name.trimmed().isEmpty() ? tr("My profile") : request.name.trimmed();
    info.protection = request.protection;
    info.createdAt = m_clock.nowMs();
    if (QFile::exists(info.databasePath()))
        return fail(Error(ErrorCode::AlreadyExists, tr("%1 already holds a database; it was left as it is.")
                                                        .arg(QDir::toNativeSeparators(info.databasePath()))));

    const SecretBytes key = SecretBytes::random(32);
    // The description is written last: an interrupted creation never looks like a profile.
    auto finish = [this, info, key, done] {
        auto ws = Workspace::open(info, key, Database::OpenMode::CreateNew, m_clock);
        if (ws) {
            if (Status s = info.write(); !s)
                return done(s.error());
        }
        done(std::move(ws));
    };

    if (request.protection == KeyProtection::Keychain) {
        if (!m_keychain)
            return fail(Error(ErrorCode::KeychainUnavailable,
                              tr("No keychain is available on this computer. Protect the profile with a passphrase "
                                 "instead.")));
        m_keychain->write(info.id, key, [info, finish, done](KeyStore::WriteResult r) {
            if (r.status != KeyStore::Status::Ok) {
                Error e = fromKeyStore(r.status, r.message, info);
                if (r.status == KeyStore::Status::Unavailable)
                    e.message += QLatin1Char(' ') + tr("You can protect the profile with a passphrase instead.");
                return done(e);
            }
            finish();
        });
        return;
    }

    const QString problem = PassphraseKeyWrap::passphraseProblem(request.passphrase);
    if (!problem.isEmpty())
        return fail(Error(ErrorCode::InvalidArgument, problem));
    auto wrapped = std::make_shared<Result<WrappedKey>>(Error());
    const int iterations = request.kdfIterations > 0 ? request.kdfIterations : PassphraseKeyWrap::DefaultIterations;
    runInBackground(
        [wrapped, key, passphrase = request.passphrase, id = info.id, iterations] {
            *wrapped = PassphraseKeyWrap::wrap(key, passphrase, id.toUtf8(), iterations);
        },
        [wrapped, info, finish, done] {
            if (!*wrapped)
                return done(wrapped->error());
            if (Status s = writeFileAtomically(info.wrappedKeyPath(), wrapped->value().toJson()); !s)
                return done(s.error());
            finish();
        });
}

void ProfileManager::unlock(const ProfileInfo& info, const QString& passphrase, WorkspaceCallback done)
{
    if (info.protection == KeyProtection::Keychain)
        unlockFromKeychain(info, std::move(done));
    else
        unlockFromPassphrase(info, passphrase, std::move(done));
}

void ProfileManager::unlockFromKeychain(const ProfileInfo& info, WorkspaceCallback done)
{
    if (!m_keychain) {
        QMetaObject::invokeMethod(this, [done, info] { done(fromKeyStore(KeyStore::Status::Unavailable, tr("no keychain backend"), info)); },
                                  Qt::QueuedConnection);
        return;
    }
    QPointer<ProfileManager> self(this);
    m_keychain->read(info.id, [self, info, done](KeyStore::ReadResult r) {
        if (!self)
            return;
        if (r.status != KeyStore::Status::Ok)
            return done(fromKeyStore(r.status, r.message, info));
        auto ws = Workspace::open(info, r.secret, Database::OpenMode::OpenExisting, self->m_clock);
        if (ws || ws.code() != ErrorCode::WrongKey)
            return done(std::move(ws));
        // A key rotation may have been interrupted after the file was re-encrypted: try the pending key.
        const Error original = ws.error();
        KeyStore* keychain = self->m_keychain;
        if (!keychain)
            return done(original);
        keychain->read(pendingAccount(info), [self, info, done, original](KeyStore::ReadResult p) {
            if (!self || !self->m_keychain || p.status != KeyStore::Status::Ok)
                return done(original);
            auto retry = std::make_shared<Result<std::unique_ptr<Workspace>>>(
                Workspace::open(info, p.secret, Database::OpenMode::OpenExisting, self->m_clock));
            if (!*retry)
                return done(original);
            // Promote the pending key to the main entry; the profile is open either way.
            self->m_keychain->write(info.id, p.secret, [self, info, done, retry](KeyStore::WriteResult w) {
                if (self && self->m_keychain && w.status == KeyStore::Status::Ok)
                    self->m_keychain->remove(pendingAccount(info), [](KeyStore::WriteResult) {});
                done(std::move(*retry));
            });
        });
    });
}

void ProfileManager::unlockFromPassphrase(const ProfileInfo& info, const QString& passphrase, WorkspaceCallback done)
{
    struct Outcome
    {
        Result<SecretBytes> key = Error();
        bool fromPending = false;
    };
    auto outcome = std::make_shared<Outcome>();
    runInBackground(
        [outcome, info, passphrase] {
            auto wrapped = readWrappedKey(info.wrappedKeyPath());
            if (!wrapped) {
                outcome->key = wrapped.error();
                return;
            }
            outcome->key = PassphraseKeyWrap::unwrap(wrapped.value(), passphrase, info.id.toUtf8());
        },
        [this, outcome, info, passphrase, done] {
            if (!outcome->key)
                return done(outcome->key.error());
            auto ws = Workspace::open(info, outcome->key.value(), Database::OpenMode::OpenExisting, m_clock);
            if (ws || ws.code() != ErrorCode::WrongKey || !QFile::exists(pendingWrappedKeyPath(info)))
                return done(std::move(ws));
            // An interrupted key rotation: the file may already be under the pending key.
            auto pending = readWrappedKey(pendingWrappedKeyPath(info));
            if (!pending)
                return done(std::move(ws));
            auto key = PassphraseKeyWrap::unwrap(pending.value(), passphrase, info.id.toUtf8());
            if (!key)
                return done(std::move(ws));
            auto retry = Workspace::open(info, key.value(), Database::OpenMode::OpenExisting, m_clock);
            if (retry) {
                QFile::remove(info.wrappedKeyPath());
                QFile::rename(pendingWrappedKeyPath(info), info.wrappedKeyPath());
            }
            done(retry ? std::move(retry) : std::move(ws));
        });
}

void ProfileManager::rotateKey(Workspace& workspace, const QString& passphrase, StatusCallback done)
{
    const ProfileInfo info = workspace.info();
    const SecretBytes newKey = SecretBytes::random(32);
    Workspace* ws = &workspace;

    if (info.protection == KeyProtection::Keychain) {
        if (!m_keychain) {
            QMetaObject::invokeMethod(this, [done, info] { done(fromKeyStore(KeyStore::Status::Unavailable, tr("no keychain backend"), info)); },
                                      Qt::QueuedConnection);
            return;
        }
        QPointer<ProfileManager> self(this);
        const auto keychainGone = [info] {
            return fromKeyStore(KeyStore::Status::Unavailable, tr("the keychain went away"), info);
        };
        m_keychain->write(pendingAccount(info), newKey, [self, ws, info, newKey, done, keychainGone](KeyStore::WriteResult w) {
            if (!self || !self->m_keychain)
                return done(keychainGone());
            if (w.status != KeyStore::Status::Ok)
                return done(fromKeyStore(w.status, w.message, info));
            if (Status s = ws->database().rekey(newKey); !s) {
                self->m_keychain->remove(pendingAccount(info), [](KeyStore::WriteResult) {});
                return done(s);
            }
            self->m_keychain->write(info.id, newKey, [self, info, done, keychainGone](KeyStore::WriteResult w2) {
                if (!self || !self->m_keychain) // the pending entry still opens the profile
                    return done(keychainGone());
                if (w2.status != KeyStore::Status::Ok)
                    return done(fromKeyStore(w2.status, w2.message, info));
                self->m_keychain->remove(pendingAccount(info), [done](KeyStore::WriteResult) { done({}); });
            });
        });
        return;
    }

    auto wrapped = std::make_shared<Result<WrappedKey>>(Error());
    runInBackground(
        [wrapped, info, passphrase, newKey] {
            auto current = readWrappedKey(info.wrappedKeyPath());
            if (!current) {
                *wrapped = current.error();
                return;
            }
            // Prove the passphrase before anything changes.
            auto old = PassphraseKeyWrap::unwrap(current.value(), passphrase, info.id.toUtf8());
            if (!old) {
                *wrapped = old.error();
                return;
            }
            *wrapped = PassphraseKeyWrap::wrap(newKey, passphrase, info.id.toUtf8(),
                                               std::max(current.value().iterations, int(PassphraseKeyWrap::DefaultIterations)));
        },
        [wrapped, ws, info, newKey, done] {
            if (!*wrapped)
                return done(wrapped->error());
            if (Status s = writeFileAtomically(pendingWrappedKeyPath(info), wrapped->value().toJson()); !s)
                return done(s);
            if (Status s = ws->database().rekey(newKey); !s) {
                QFile::remove(pendingWrappedKeyPath(info));
                return done(s);
            }
            QFile::remove(info.wrappedKeyPath());
            if (!QFile::rename(pendingWrappedKeyPath(info), info.wrappedKeyPath()))
                return done(Error(ErrorCode::Io, tr("The database was re-encrypted but the new key file could not be "
                                                    "put in place; it is kept as %1 and will be used on next unlock.")
                                                     .arg(pendingWrappedKeyPath(info))));
            done({});
        });
}

void ProfileManager::changePassphrase(const ProfileInfo& info, const QString& oldPassphrase,
                                      const QString& newPassphrase, StatusCallback done)
{
    const QString problem = PassphraseKeyWrap::passphraseProblem(newPassphrase);
    if (info.protection != KeyProtection::Passphrase || !problem.isEmpty()) {
        const Error e(ErrorCode::InvalidArgument,
                      !problem.isEmpty() ? problem : tr("This profile is protected by the keychain, not a passphrase."));
        QMetaObject::invokeMethod(this, [done, e] { done(e); }, Qt::QueuedConnection);
        return;
    }
    auto result = std::make_shared<Result<WrappedKey>>(Error());
    runInBackground(
        [result, info, oldPassphrase, newPassphrase] {
            auto current = readWrappedKey(info.wrappedKeyPath());
            if (!current) {
                *result = current.error();
                return;
            }
            *result = PassphraseKeyWrap::changePassphrase(current.value(), oldPassphrase, newPassphrase, info.id.toUtf8());
        },
        [result, info, done] {
            if (!*result)
                return done(result->error());
            done(writeFileAtomically(info.wrappedKeyPath(), result->value().toJson()));
        });
}

} // namespace outpost
