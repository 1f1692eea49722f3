#include "sync/SignOutDialog.h"

#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace outpost {

SignOutDialog::SignOutDialog(const QString& accountText, qint64 unsynced, QWidget* parent)
    : QDialog(parent)
    , m_keep(new QRadioButton(tr("&Keep the data on this device"), this))
    , m_wipe(new QRadioButton(tr("&Remove the team's data from this device"), this))
{
    setObjectName(QStringLiteral("signOutDialog"));
    setWindowTitle(tr("Sign Out"));
    m_keep->setObjectName(QStringLiteral("signOutKeepRadio"));
    m_wipe->setObjectName(QStringLiteral("signOutWipeRadio"));
    m_keep->setChecked(true);

    auto* text = new QLabel(tr("Sign out of %1? This device stops syncing until you sign in again.").arg(accountText),
                            this);
    text->setWordWrap(true);
    auto* keepNote = new QLabel(tr("You can still read and edit it offline. Changes are sent when you sign in "
                                   "again as the same user."),
                                this);
    keepNote->setWordWrap(true);
    keepNote->setForegroundRole(QPalette::PlaceholderText);
    keepNote->setContentsMargins(24, 0, 0, 0);
    auto* wipeNote = new QLabel(tr("Contacts, conflicts and refused changes from the team are deleted from this "
                                   "profile, with this device's history of them. The team server keeps everything "
                                   "it has received."),
                                this);
    wipeNote->setWordWrap(true);
    wipeNote->setForegroundRole(QPalette::PlaceholderText);
    wipeNote->setContentsMargins(24, 0, 0, 0);

    auto* warning = new MessageLabel(this);
    warning->setObjectName(QStringLiteral("signOutUnsyncedWarning"));
    if (unsynced > 0)
        warning->showMessage(MessageLabel::Kind::Warning,
                             tr("%n change(s) made on this device have not reached the server yet. Removing the "
                                "data loses them.",
                                nullptr, int(unsynced)));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* signOut = buttons->addButton(tr("&Sign Out"), QDialogButtonBox::AcceptRole);
    signOut->setObjectName(QStringLiteral("signOutButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_wipe, &QRadioButton::toggled, this, [signOut](bool wipe) {
        signOut->setText(wipe ? tr("&Sign Out and Remove") : tr("&Sign Out"));
    });

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(8);
    layout->addWidget(text);
    layout->addSpacing(4);
    layout->addWidget(m_keep);
    layout->addWidget(keepNote);
    layout->addWidget(m_wipe);
    layout->addWidget(wipeNote);
    layout->addWidget(warning);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(500);
}

bool SignOutDialog::wipeChosen() const
{
    return m_wipe->isChecked();
}

} // namespace outpost
