#include "settings/SettingsDialog.h"

#include "keys/KeyStore.h"
#include "profile/ChangePassphraseDialog.h"
#include "profile/ProfileManager.h"
#include "settings/ProfileSettings.h"
#include "settings/RotateKeyDialog.h"
#include "sync/SyncController.h"
#include "theme/ThemedIcon.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace outpost {

SettingsDialog::SettingsDialog(ProfileSettings& settings, Workspace& workspace, ProfileManager& manager,
                               int lockAfterOverrideSeconds, QWidget* parent, SyncController* sync)
    : QDialog(parent)
    , m_settings(settings)
    , m_workspace(workspace)
    , m_manager(manager)
    , m_idleMinutes(new QSpinBox(this))
    , m_encryptionResult(new QLabel(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings — %1").arg(workspace.info().name));

    // Security
    m_idleMinutes->setObjectName(QStringLiteral("idleLockSpin"));
    m_idleMinutes->setRange(0, ProfileSettings::MaximumIdleLockMinutes);
    m_idleMinutes->setSpecialValueText(tr("Never"));
    m_idleMinutes->setValue(settings.idleLockMinutes());
    m_idleMinutes->setAccelerated(true);
    auto* securityBox = new QGroupBox(tr("Locking"), this);
    auto* securityForm = new QFormLayout(securityBox);
    securityForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    // The unit is in the label: a suffix would need a plural form for every value.
    securityForm->addRow(tr("&Lock after inactivity (minutes):"), m_idleMinutes);
    auto* idleNote = new QLabel(tr("Outpost closes the database and asks to unlock it again when you have not used "
                                   "it for this long. Lock at any time with Ctrl+L."),
                                securityBox);
    idleNote->setWordWrap(true);
    idleNote->setForegroundRole(QPalette::PlaceholderText);
    securityForm->addRow(idleNote);
    if (lockAfterOverrideSeconds >= 0) {
        auto* overrideNote = new QLabel(
            lockAfterOverrideSeconds == 0
                ? tr("For this session the command line (--lock-after 0) turned idle locking off.")
                : tr("For this session the command line sets the idle time to %Ln second(s).", nullptr,
                     lockAfterOverrideSeconds),
            securityBox);
        overrideNote->setObjectName(QStringLiteral("lockOverrideNote"));
        overrideNote->setWordWrap(true);
        securityForm->addRow(overrideNote);
    }

    // Encryption
    const bool passphrase = workspace.info().protection == KeyProtection::Passphrase;
    auto* encryptionBox = new QGroupBox(tr("Encryption"), this);
    auto* encryptionLayout = new QVBoxLayout(encryptionBox);
    auto* status = new QLabel(
        passphrase ? tr("The database is encrypted with SQLCipher. Its key is protected by your passphrase.")
                   : tr("The database is encrypted with SQLCipher. Its key is kept in the keychain (%1).")
                         .arg(manager.keychain() ? manager.keychain()->backendName() : tr("unavailable")),
        encryptionBox);
    status->setWordWrap(true);
    encryptionLayout->addWidget(status);
    auto* buttonsRow = new QHBoxLayout;
    if (passphrase) {
        auto* change = new QPushButton(themedIcon(QStringLiteral("key")), tr("Change &Passphrase…"), encryptionBox);
        change->setObjectName(QStringLiteral("changePassphraseButton"));
        buttonsRow->addWidget(change);
        connect(change, &QPushButton::clicked, this, [this] {
            auto* dialog = new ChangePassphraseDialog(m_manager, m_workspace.info(), this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &ChangePassphraseDialog::busyChanged, this, &SettingsDialog::trackBusy);
            connect(dialog, &QDialog::accepted, this, [this] {
                m_encryptionResult->setText(tr("The passphrase was changed. Use the new one from now on."));
                m_encryptionResult->show();
            });
            dialog->open();
        });
    }
    auto* rotate = new QPushButton(themedIcon(QStringLiteral("shield")), tr("&Re-encrypt with a New Key…"),
                                   encryptionBox);
    rotate->setObjectName(QStringLiteral("rotateKeyButton"));
    buttonsRow->addWidget(rotate);
    buttonsRow->addStretch(1);
    encryptionLayout->addLayout(buttonsRow);
    m_encryptionResult->setObjectName(QStringLiteral("encryptionResult"));
    m_encryptionResult->setWordWrap(true);
    m_encryptionResult->hide();
    encryptionLayout->addWidget(m_encryptionResult);
    connect(rotate, &QPushButton::clicked, this, [this] {
        auto* dialog = new RotateKeyDialog(m_manager, m_workspace, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &RotateKeyDialog::busyChanged, this, &SettingsDialog::trackBusy);
        dialog->open();
    });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("settingsOkButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(securityBox);
    layout->addWidget(encryptionBox);
    if (sync)
        layout->addWidget(makeSyncBox(sync));
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

QWidget* SettingsDialog::makeSyncBox(SyncController* sync)
{
    auto* box = new QGroupBox(tr("Sync"), this);
    box->setObjectName(QStringLiteral("syncSettingsBox"));
    auto* layout = new QVBoxLayout(box);
    auto* status = new QLabel(box);
    status->setObjectName(QStringLiteral("syncSettingsStatus"));
    status->setWordWrap(true);
    auto* signIn = new QPushButton(tr("Sign &In to a Team Server…"), box);
    signIn->setObjectName(QStringLiteral("syncSettingsSignInButton"));
    auto* totp = new QPushButton(themedIcon(QStringLiteral("shield")), tr("Set Up &Two-Factor Authentication…"), box);
    totp->setObjectName(QStringLiteral("setUpTotpButton"));
    auto* signOut = new QPushButton(tr("Sign &Out…"), box);
    signOut->setObjectName(QStringLiteral("syncSettingsSignOutButton"));
    auto* row = new QHBoxLayout;
    row->addWidget(signIn);
    row->addWidget(totp);
    row->addWidget(signOut);
    row->addStretch(1);
    layout->addWidget(status);
    layout->addLayout(row);

    QPointer<SyncController> controller(sync);
    auto update = [controller, status, signIn, totp, signOut] {
        const bool in = controller && controller->isSignedIn();
        if (in)
            status->setText(tr("Signed in to %1 as %2 (team %3). Changes sync automatically whenever the server "
                               "can be reached.")
                                .arg(controller->account().serverUrl.toDisplayString(), controller->account().userName,
                                     controller->account().team));
        else
            status->setText(tr("Not signed in. This profile works on this device only until you sign in to your "
                               "team's server."));
        signIn->setVisible(!in);
        totp->setVisible(in);
        signOut->setVisible(in);
    };
    update();
    connect(sync, &SyncController::signedInChanged, box, update);
    connect(signIn, &QPushButton::clicked, box, [controller] {
        if (controller)
            controller->showSignIn();
    });
    connect(signOut, &QPushButton::clicked, box, [controller] {
        if (controller)
            controller->showSignOut();
    });
    connect(totp, &QPushButton::clicked, this, [this, controller] {
        if (controller)
            controller->showTotpEnrolment(this);
    });
    return box;
}

QString SettingsDialog::busyMessage() const
{
    if (const auto* rotate = findChild<RotateKeyDialog*>(); rotate && rotate->isBusy())
        return tr("Outpost is re-encrypting the database. Quit when it has finished.");
    if (const auto* change = findChild<ChangePassphraseDialog*>(); change && change->isBusy())
        return tr("Outpost is changing the passphrase. Quit when it has finished.");
    return {};
}

void SettingsDialog::apply()
{
    if (m_idleMinutes->value() != m_settings.idleLockMinutes()) {
        m_settings.setIdleLockMinutes(m_idleMinutes->value());
        m_settings.sync();
        emit idleLockMinutesChanged(m_idleMinutes->value());
    }
}

void SettingsDialog::trackBusy(bool busy)
{
    m_busyCount += busy ? 1 : -1;
    if (m_busyCount < 0)
        m_busyCount = 0;
    emit busyChanged(m_busyCount > 0);
}

} // namespace outpost
