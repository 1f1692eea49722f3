#pragma once

#include "profile/ProfileInfo.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QProgressBar;

namespace outpost {

class MessageLabel;
class PassphraseFields;
class ProfileManager;

// Wraps a passphrase profile's key under a new passphrase (ProfileManager::changePassphrase). The
// database itself is not re-encrypted. A wrong current passphrase is an inline message.
class ChangePassphraseDialog : public QDialog
{
    Q_OBJECT
public:
    ChangePassphraseDialog(ProfileManager& manager, const ProfileInfo& info, QWidget* parent = nullptr);

    bool isBusy() const { return m_busy; }
    void reject() override;

signals:
    void busyChanged(bool busy);

private:
    void updateState();
    void submit();
    void setBusy(bool busy);

    ProfileManager& m_manager;
    ProfileInfo m_info;
    QLineEdit* m_current;
    PassphraseFields* m_fields;
    MessageLabel* m_message;
    QProgressBar* m_progress;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};

} // namespace outpost
