#include "profile/ProfileManager.h"

#include "keys/KeyStore.h"
#include "keys/PassphraseKeyWrap.h"
#include "storage/SqlCipherProvider.h"
#include "util/FileUtil.h"
#include "util/Uuid.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
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
                     ProfileManager::tr("The system keychain is not available. Start your desktop's keyring "
                                        "service and try again. Details: %1")
                         .arg(message));
    case KeyStore::Status::Denied:
        return Error(ErrorCode::KeychainDenied,
                     ProfileManager::tr("Access to the keychain was refused. Allow Outpost to use it and try "
                                        "again. Details: %1")
                         .arg(message));
    default:
        return Error(ErrorCode::Unknown, ProfileManager::tr("The keychain reported an error: %1").arg(message));
    }
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
        SqlCipherProvider::releaseThreadState(); // key derivation and SQLCipher ran here
        // Hand the result to the main thread through the application object, which outlives this
        // manager; whether the manager still exists is checked there, not on this thread.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, then = std::move(then)] {
                if (self)
                    then();
            },
            Qt::QueuedConnection);
    });
}

std::function<void(int, int)> ProfileManager::migrationReporter()
{
    QPointer<ProfileManager> self(this);
    return [self](int step, int steps) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, step, steps] {
                if (self)
                    emit self->migrating(step, steps);
            },
            Qt::QueuedConnection);
    };
}

void ProfileManager::openMigrated(const ProfileInfo& info, const SecretBytes& key, WorkspaceCallback done)
{
    // Progress and the result travel through the same queue, so every migrating() arrives before `done`.
    auto migrated = std::make_shared<Status>();
    runInBackground([migrated, info, key, report = migrationReporter()] { *migrated = Workspace::migrate(info, key, report); },
                    [this, migrated, info, key, done] {
                        if (!*migrated)
                            return done(migrated->error());
                        done(Workspace::open(info, key, Database::OpenMode::OpenExisting, m_clock));
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
    QPointer<ProfileManager> self(this);
    // The description is written last, so an interrupted creation never looks like a profile. If a
    // step fails, what this call made (a new empty database, the key file or keychain entry) is
    // removed again so the folder can be used for another try.
    auto finish = [self, info, key, done] {
        auto ws = Workspace::open(info, key, Database::OpenMode::CreateNew, self ? self->m_clock : Clock::system());
        Error failure;
        if (!ws)
            failure = ws.error();
        else if (Status s = info.write(); !s)
            failure = s.error();
        else
            return done(std::move(ws));
        if (ws)
            ws.value().reset();
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(info.databasePath() + suffix);
        QFile::remove(info.wrappedKeyPath());
        if (self && self->m_keychain && info.protection == KeyProtection::Keychain)
            self->m_keychain->remove(info.id, [](KeyStore::WriteResult) {});
        done(failure);
    };

    if (request.protection == KeyProtection::Keychain) {
        if (!m_keychain)
            return fail(Error(ErrorCode::KeychainUnavailable,
                              tr("No keychain is available on this computer. Protect the profile with a passphrase "
                                 "instead.")));
        m_keychain->write(info.id, key, [finish, done](KeyStore::WriteResult r) {
            if (r.status == KeyStore::Status::Ok)
                return finish();
            if (r.status == KeyStore::Status::Unavailable)
                return done(Error(ErrorCode::KeychainUnavailable,
                                  tr("The system keychain is not available, so the key cannot be kept there. Protect "
                                     "the profile with a passphrase instead. Details: %1")
                                      .arg(r.message)));
            if (r.status == KeyStore::Status::Denied)
                return done(Error(ErrorCode::KeychainDenied,
                                  tr("The keychain refused to store the key. Allow Outpost to use it, or protect the "
                                     "profile with a passphrase instead. Details: %1")
                                      .arg(r.message)));
            done(Error(ErrorCode::Unknown, tr("The keychain could not store the key: %1").arg(r.message)));
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
    // The main entry is missing or no longer fits: a key rotation may have stopped after the file was
    // re-encrypted, leaving the key that opens it in the pending entry.
    auto tryPending = [self, info, done](const Error& original) {
        if (!self || !self->m_keychain)
            return done(original);
        self->m_keychain->read(pendingAccount(info), [self, info, done, original](KeyStore::ReadResult p) {
            if (!self || !self->m_keychain || p.status != KeyStore::Status::Ok)
                return done(original);
            self->openMigrated(info, p.secret, [self, info, done, original, key = p.secret](Result<std::unique_ptr<Workspace>> ws) {
                if (!ws)
                    return done(original);
                if (!self || !self->m_keychain)
                    return done(std::move(ws));
                // Promote the pending key to the main entry; the pending one is removed only once that
                // is saved. The profile is open either way.
                auto retry = std::make_shared<Result<std::unique_ptr<Workspace>>>(std::move(ws));
                self->m_keychain->write(info.id, key, [self, info, done, retry](KeyStore::WriteResult w) {
                    if (self && self->m_keychain && w.status == KeyStore::Status::Ok)
                        self->m_keychain->remove(pendingAccount(info), [](KeyStore::WriteResult) {});
                    done(std::move(*retry));
                });
            });
        });
    };
    m_keychain->read(info.id, [self, info, done, tryPending](KeyStore::ReadResult r) {
        if (!self)
            return;
        if (r.status == KeyStore::Status::Ok) {
            self->openMigrated(info, r.secret, [done, tryPending](Result<std::unique_ptr<Workspace>> ws) {
                if (ws || ws.code() != ErrorCode::WrongKey)
                    return done(std::move(ws));
                tryPending(ws.error());
            });
        } else if (r.status == KeyStore::Status::NotFound) {
            tryPending(fromKeyStore(r.status, r.message, info));
        } else {
            done(fromKeyStore(r.status, r.message, info));
        }
    });
}

void ProfileManager::unlockFromPassphrase(const ProfileInfo& info, const QString& passphrase, WorkspaceCallback done)
{
    // Both key files are tried: key.json first, then key.json.pending, which holds the key a rotation
    // was switching to if it stopped half-way. Derivation runs off the UI thread.
    struct Candidate
    {
        SecretBytes key;
        bool pending = false;
        Status migrated; // Workspace::migrate with this key (on the worker)
    };
    auto candidates = std::make_shared<QList<Candidate>>();
    auto firstError = std::make_shared<Error>();
    runInBackground(
        [candidates, firstError, info, passphrase, report = migrationReporter()] {
            for (const bool pending : {false, true}) {
                const QString path = pending ? pendingWrappedKeyPath(info) : info.wrappedKeyPath();
                if (pending && !QFile::exists(path))
                    continue;
                auto wrapped = readWrappedKey(path);
                auto key = wrapped ? PassphraseKeyWrap::unwrap(wrapped.value(), passphrase, info.id.toUtf8())
                                   : Result<SecretBytes>(wrapped.error());
                if (key)
                    candidates->append({key.value(), pending, {}});
                else if (firstError->message.isEmpty())
                    *firstError = key.error();
            }
            // The pending migrations run here, with the first key that opens the file; the loop below stops
            // at the same candidate and only opens it.
            for (Candidate& c : *candidates) {
                c.migrated = Workspace::migrate(info, c.key, report);
                if (c.migrated || c.migrated.code() != ErrorCode::WrongKey)
                    break;
            }
        },
        [this, candidates, firstError, info, done] {
            Result<std::unique_ptr<Workspace>> ws = *firstError;
            for (const Candidate& c : std::as_const(*candidates)) {
                ws = c.migrated ? Workspace::open(info, c.key, Database::OpenMode::OpenExisting, m_clock)
                                : Result<std::unique_ptr<Workspace>>(c.migrated.error());
                if (ws && c.pending) // the rotation had finished re-encrypting: its key file becomes the key file
                    (void)replaceFile(pendingWrappedKeyPath(info), info.wrappedKeyPath());
                if (ws || ws.code() != ErrorCode::WrongKey)
                    break;
            }
            done(std::move(ws));
        });
}

void ProfileManager::rotateKey(Workspace& workspace, const QString& passphrase, StatusCallback done)
{
    const ProfileInfo info = workspace.info();
    const SecretBytes newKey = SecretBytes::random(32);
    Workspace* ws = &workspace; // the caller keeps it open until `done` (the UI blocks locking meanwhile)
    Database* db = &workspace.database();

    if (info.protection == KeyProtection::Passphrase) {
        // Everything runs on a worker thread: derivation, and the re-encryption of the whole file.
        auto result = std::make_shared<Status>();
        runInBackground(
            [result, db, info, passphrase, newKey] {
                auto current = readWrappedKey(info.wrappedKeyPath());
                if (!current) {
                    *result = current.error();
                    return;
                }
                // Prove the passphrase before anything changes.
                auto old = PassphraseKeyWrap::unwrap(current.value(), passphrase, info.id.toUtf8());
                if (!old) {
                    *result = old.error();
                    return;
                }
                auto wrapped = PassphraseKeyWrap::wrap(newKey, passphrase, info.id.toUtf8(),
                                                       std::max(current.value().iterations, int(PassphraseKeyWrap::DefaultIterations)));
                if (!wrapped) {
                    *result = wrapped.error();
                    return;
                }
                // 1. the new key is saved beside the current one; 2. the file is re-encrypted; 3. the
                // new key file replaces the old one in one rename. Unlock tries both files, so a stop
                // between any two steps leaves a profile that opens.
                if (Status s = writeFileAtomically(pendingWrappedKeyPath(info), wrapped.value().toJson()); !s) {
                    *result = s;
                    return;
                }
                Status rekeyed = db->rekey(newKey);
                db->releaseThreadConnection();
                if (!rekeyed) {
                    QFile::remove(pendingWrappedKeyPath(info));
                    *result = rekeyed;
                    return;
                }
                if (Status s = replaceFile(pendingWrappedKeyPath(info), info.wrappedKeyPath()); !s)
                    *result = Error(ErrorCode::Io, tr("The database was re-encrypted, but the new key file could not "
                                                      "replace the old one (%1). It is kept as %2 and unlocking uses "
                                                      "it automatically.")
                                                       .arg(s.message(), QDir::toNativeSeparators(pendingWrappedKeyPath(info))));
            },
            [result, done] { done(*result); });
        return;
    }

    if (!m_keychain) {
        QMetaObject::invokeMethod(this, [done, info] { done(fromKeyStore(KeyStore::Status::Unavailable, tr("no keychain backend"), info)); },
                                  Qt::QueuedConnection);
        return;
    }
    QPointer<ProfileManager> self(this);
    auto keychainGone = [info] { return fromKeyStore(KeyStore::Status::Unavailable, tr("the keychain went away"), info); };

    // 3. the main entry gets the new key, then the pending entry goes.
    auto saveMain = [self, info, newKey, done, keychainGone] {
        if (!self || !self->m_keychain)
            return done(keychainGone());
        self->m_keychain->write(info.id, newKey, [self, info, done](KeyStore::WriteResult w) {
            if (w.status != KeyStore::Status::Ok || !self || !self->m_keychain)
                return done(Error(ErrorCode::Unknown,
                                  tr("The database was re-encrypted, but its new key could not be saved as the main "
                                     "keychain entry (%1). It is kept as a pending entry and unlocking uses it "
                                     "automatically.")
                                      .arg(w.message)));
            self->m_keychain->remove(pendingAccount(info), [done](KeyStore::WriteResult) { done({}); });
        });
    };
    // 2. re-encrypt on a worker thread.
    auto reencrypt = [self, db, info, newKey, done, saveMain] {
        auto result = std::make_shared<Status>();
        if (!self)
            return;
        self->runInBackground(
            [result, db, newKey] {
                *result = db->rekey(newKey);
                db->releaseThreadConnection();
            },
            [self, result, info, done, saveMain] {
                if (!*result) {
                    if (self && self->m_keychain)
                        self->m_keychain->remove(pendingAccount(info), [](KeyStore::WriteResult) {});
                    return done(*result);
                }
                saveMain();
            });
    };
    // 1. a pending entry left by an earlier, interrupted rotation may hold the key the file is under
    // now: make it the main entry before it is overwritten. Then save the new key as pending.
    m_keychain->read(pendingAccount(info), [self, ws, info, newKey, done, keychainGone, reencrypt](KeyStore::ReadResult p) {
        if (!self || !self->m_keychain)
            return done(keychainGone());
        auto savePending = [self, info, newKey, done, keychainGone, reencrypt] {
            if (!self || !self->m_keychain)
                return done(keychainGone());
            self->m_keychain->write(pendingAccount(info), newKey, [info, done, reencrypt](KeyStore::WriteResult w) {
                if (w.status != KeyStore::Status::Ok)
                    return done(fromKeyStore(w.status, w.message, info));
                reencrypt();
            });
        };
        if (p.status == KeyStore::Status::Ok && ws->database().usesKey(p.secret)) {
            self->m_keychain->write(info.id, p.secret, [info, done, savePending](KeyStore::WriteResult w) {
                if (w.status != KeyStore::Status::Ok)
                    return done(fromKeyStore(w.status, w.message, info));
                savePending();
            });
            return;
        }
        savePending();
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
