#pragma once

#include <QDialog>

class QLabel;
class QSpinBox;

namespace outpost {

class ProfileManager;
class ProfileSettings;
class SyncController;
class Workspace;

// The profile's settings: idle lock, the encryption actions (change passphrase, re-encrypt with a
// new key) and team sync (sign in or out, two-factor authentication). Values are stored per profile (ProfileSettings) when the dialog is accepted; the encryption
// actions take effect at once.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // `lockAfterOverrideSeconds` >= 0: the idle time was set on the command line for this session.
    // `sync` may be null (no Sync section).
    SettingsDialog(ProfileSettings& settings, Workspace& workspace, ProfileManager& manager,
                   int lockAfterOverrideSeconds, QWidget* parent = nullptr, SyncController* sync = nullptr);

    bool isBusy() const { return m_busyCount > 0; }
    // What the busy work is, as a sentence for a "please wait" message; empty when not busy.
    QString busyMessage() const;

signals:
    void idleLockMinutesChanged(int minutes);
    void busyChanged(bool busy);

private:
    void apply();
    void trackBusy(bool busy);
    QWidget* makeSyncBox(SyncController* sync);

    ProfileSettings& m_settings;
    Workspace& m_workspace;
    ProfileManager& m_manager;
    QSpinBox* m_idleMinutes;
    QLabel* m_encryptionResult;
    int m_busyCount = 0;
};

} // namespace outpost
