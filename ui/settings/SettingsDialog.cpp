#include "settings/SettingsDialog.h"

#include "keys/KeyStore.h"
#include "profile/ChangePassphraseDialog.h"
#include "profile/ProfileManager.h"
#include "settings/ProfileSettings.h"
#include "settings/RotateKeyDialog.h"
#include "theme/ThemedIcon.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace outpost {

SettingsDialog::SettingsDialog(ProfileSettings& settings, Workspace& workspace, ProfileManager& manager,
                               int lockAfterOverrideSeconds, QWidget* parent)
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
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);
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
