#pragma once

#include "profile/ProfileInfo.h"
#include "profile/Workspace.h"

#include <QObject>
#include "keys/KeyStore.h"

#include <QPointer>

#include <functional>
#include <memory>

namespace outpost {


// Creates, unlocks and re-keys profiles. Keys come from the OS keychain or from a passphrase; slow
// work (the keychain, key derivation) is asynchronous and every callback arrives on the caller's
// thread. No operation ever deletes or overwrites an existing database.
class ProfileManager : public QObject
{
    Q_OBJECT
public:
    using WorkspaceCallback = std::function<void(Result<std::unique_ptr<Workspace>>)>;
    using StatusCallback = std::function<void(Status)>;

    // `keychain` may be null: only passphrase profiles can then be made or opened.
    explicit ProfileManager(KeyStore* keychain, const Clock& clock = Clock::system(), QObject* parent = nullptr);

    KeyStore* keychain() const { return m_keychain; }

    static QString defaultRoot(); // <AppData>/profiles

    // The profiles in `root`, and a user-readable problem for each folder that looks like a profile
    // but cannot be read (damaged or newer profile.json), so it is reported rather than hidden.
    struct Listing
    {
        QList<ProfileInfo> profiles;
        QStringList problems;
    };
    static Listing scan(const QString& root);
    static QList<ProfileInfo> list(const QString& root) { return scan(root).profiles; }

    struct NewProfile
    {
        QString dir;
        QString name;
        KeyProtection protection = KeyProtection::Keychain;
        QString passphrase; // for KeyProtection::Passphrase
        int kdfIterations = 0; // 0 = the default
    };
    void create(const NewProfile& request, WorkspaceCallback done);

    // `passphrase` is used for passphrase profiles and ignored for keychain ones.
    void unlock(const ProfileInfo& info, const QString& passphrase, WorkspaceCallback done);

    // Re-encrypts the database under a fresh random key and stores that key the same way. Crash-safe:
    // the new key is saved (as a pending entry) before the file is re-encrypted, and unlock tries the
    // pending key when the current one no longer fits.
    void rotateKey(Workspace& workspace, const QString& passphrase, StatusCallback done);

    // Passphrase profiles: wraps the same database key under a new passphrase.
    void changePassphrase(const ProfileInfo& info, const QString& oldPassphrase, const QString& newPassphrase,
                          StatusCallback done);

    static QString pendingAccount(const ProfileInfo& info);
    static QString pendingWrappedKeyPath(const ProfileInfo& info);

signals:
    // An unlock is running the profile's pending migrations on a worker thread: `step` of `steps` (from 1)
    // is starting. The unlock's callback follows when they are done (or one failed).
    void migrating(int step, int steps);

private:
    void unlockFromKeychain(const ProfileInfo& info, WorkspaceCallback done);
    void unlockFromPassphrase(const ProfileInfo& info, const QString& passphrase, WorkspaceCallback done);
    // Runs the pending migrations on a worker thread (announcing each through migrating()), then opens the
    // workspace on this thread.
    void openMigrated(const ProfileInfo& info, const SecretBytes& key, WorkspaceCallback done);
    // A Workspace::migrate progress callback, for a worker thread, that emits migrating() on the main thread.
    std::function<void(int, int)> migrationReporter();
    // Runs `work` on the thread pool and `then` on the application (main) thread, if this manager still
    // exists. ProfileManager lives on the main thread.
    void runInBackground(std::function<void()> work, std::function<void()> then);

    QPointer<KeyStore> m_keychain;
    const Clock& m_clock;
};


} // namespace outpost
