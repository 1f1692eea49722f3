#pragma once

#include <QDialog>

class QRadioButton;

namespace outpost {

// Asks how to sign out: keep the team's data on this device (read and edit it offline; changes are sent
// when the same user signs in again) or remove it. Warns with the number of changes not yet sent, which
// removing loses.
class SignOutDialog : public QDialog
{
    Q_OBJECT
public:
    SignOutDialog(const QString& accountText, qint64 unsynced, QWidget* parent = nullptr);

    bool wipeChosen() const;

private:
    QRadioButton* m_keep;
    QRadioButton* m_wipe;
};

} // namespace outpost
