#include "profile/UnlockDialog.h"

#include "keys/KeyStore.h"
#include "profile/MigrationProgressDialog.h"
#include "profile/ProfileManager.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace outpost {

UnlockDialog::UnlockDialog(ProfileManager& manager, const QList<ProfileInfo>& profiles, const QString& preselectDir,
                           Mode mode, QWidget* parent)
    : QDialog(parent)
    , m_manager(manager)
    , m_profiles(profiles)
    , m_mode(mode)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_protectionLabel(new QLabel(this))
    , m_passphraseRow(new QWidget(this))
    , m_passphrase(new QLineEdit(m_passphraseRow))
    , m_message(new MessageLabel(this))
    , m_problems(new MessageLabel(this))
    , m_busyRow(new QWidget(this))
    , m_progress(new QProgressBar(m_busyRow))
    , m_busyLabel(new QLabel(tr("Unlocking…"), m_busyRow))
    , m_unlockButton(new QPushButton(tr("&Unlock"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
{
    Q_ASSERT(!profiles.isEmpty());
    setObjectName(QStringLiteral("unlockDialog"));
    setWindowTitle(mode == Mode::Locked ? tr("Outpost Is Locked") : tr("Unlock Outpost"));
    setWindowIcon(applicationIcon());
    m_passphrase->setObjectName(QStringLiteral("unlockPassphraseEdit"));
    m_message->setObjectName(QStringLiteral("unlockMessage"));
    m_problems->setObjectName(QStringLiteral("unlockProblems"));
    m_progress->setObjectName(QStringLiteral("unlockProgress"));
    m_busyLabel->setObjectName(QStringLiteral("unlockStatus"));
    m_unlockButton->setObjectName(QStringLiteral("unlockButton"));
    m_cancelButton->setObjectName(QStringLiteral("unlockCancelButton"));
    m_protectionLabel->setObjectName(QStringLiteral("unlockProtection"));

    // Header: logo, title, one line of explanation.
    auto* logo = new QLabel(this);
    logo->setPixmap(themedIcon(QStringLiteral("outpost"), false).pixmap(QSize(48, 48)));
    logo->setAlignment(Qt::AlignTop);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_subtitle->setWordWrap(true);
    m_subtitle->setTextFormat(Qt::PlainText);
    auto* headerText = new QVBoxLayout;
    headerText->setSpacing(2);
    headerText->addWidget(m_title);
    headerText->addWidget(m_subtitle);
    auto* header = new QHBoxLayout;
    header->setSpacing(14);
    header->addWidget(logo);
    header->addLayout(headerText, 1);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    if (mode == Mode::Startup && profiles.size() > 1) {
        m_profileCombo = new QComboBox(this);
        m_profileCombo->setObjectName(QStringLiteral("profileCombo"));
        QStringList names;
        for (const ProfileInfo& p : profiles)
            names << p.name;
        int selected = 0;
        for (int i = 0; i < profiles.size(); ++i) {
            const ProfileInfo& p = profiles.at(i);
            // Two profiles of the same name are told apart by their folder.
            const QString label = names.count(p.name) > 1
                                      ? tr("%1 (%2)").arg(p.name, QDir(p.dir).dirName())
                                      : p.name;
            m_profileCombo->addItem(themedIcon(p.protection == KeyProtection::Keychain ? QStringLiteral("key")
                                                                                        : QStringLiteral("lock")),
                                    label);
            m_profileCombo->setItemData(i, QDir::toNativeSeparators(p.dir), Qt::ToolTipRole);
            if (QDir::cleanPath(p.dir) == QDir::cleanPath(preselectDir))
                selected = i;
        }
        m_profileCombo->setCurrentIndex(selected);
        form->addRow(tr("&Profile:"), m_profileCombo);
        connect(m_profileCombo, &QComboBox::currentIndexChanged, this, [this] { profileChanged(); });
    } else if (!preselectDir.isEmpty()) {
        // A single profile, or the locked one: keep it first.
        for (int i = 0; i < m_profiles.size(); ++i) {
            if (QDir::cleanPath(m_profiles.at(i).dir) == QDir::cleanPath(preselectDir)) {
                m_profiles.move(i, 0);
                break;
            }
        }
    }
    m_protectionLabel->setWordWrap(true);
    m_protectionLabel->setTextFormat(Qt::PlainText);
    m_protectionLabel->setForegroundRole(QPalette::PlaceholderText);

    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setMinimumWidth(280);
    auto* passphraseLayout = new QFormLayout(m_passphraseRow);
    passphraseLayout->setContentsMargins(0, 0, 0, 0);
    passphraseLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    passphraseLayout->addRow(tr("P&assphrase:"), m_passphrase);

    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_busyLabel->sizeHint().height());
    auto* busyLayout = new QHBoxLayout(m_busyRow);
    busyLayout->setContentsMargins(0, 0, 0, 0);
    busyLayout->addWidget(m_busyLabel);
    busyLayout->addWidget(m_progress, 1);
    m_busyRow->hide();

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_unlockButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancelButton, QDialogButtonBox::RejectRole);
    if (mode == Mode::Startup) {
        m_newProfileButton = new QPushButton(tr("&New Profile…"), this);
        m_newProfileButton->setObjectName(QStringLiteral("newProfileButton"));
        buttons->addButton(m_newProfileButton, QDialogButtonBox::ResetRole);
        connect(m_newProfileButton, &QPushButton::clicked, this, &UnlockDialog::newProfileRequested);
    }
    m_unlockButton->setDefault(true);
    m_unlockButton->setAutoDefault(true);
    connect(m_unlockButton, &QPushButton::clicked, this, &UnlockDialog::startUnlock);
    connect(m_cancelButton, &QPushButton::clicked, this, &UnlockDialog::reject);
    connect(&m_manager, &ProfileManager::migrating, this, &UnlockDialog::showMigration);
    connect(m_passphrase, &QLineEdit::textEdited, this, [this] {
        if (m_message->kind() == MessageLabel::Kind::Error)
            m_message->clearMessage();
    });

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addLayout(header);
    layout->addSpacing(6);
    if (!form->isEmpty())
        layout->addLayout(form);
    else
        delete form;
    layout->addWidget(m_protectionLabel);
    layout->addWidget(m_passphraseRow);
    layout->addWidget(m_message);
    layout->addWidget(m_busyRow);
    layout->addWidget(m_problems);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(480);

    profileChanged();
}

UnlockDialog::~UnlockDialog() = default;

void UnlockDialog::setProfileProblems(const QStringList& problems)
{
    if (problems.isEmpty()) {
        m_problems->clearMessage();
    } else {
        QStringList lines{tr("These profile folders could not be read and are not listed. They were left as they "
                             "are; a newer version of Outpost may open them, or restore them from a backup.")};
        lines << problems;
        m_problems->showMessage(MessageLabel::Kind::Warning, lines.join(QLatin1Char('\n')));
    }
    adjustSize();
}

ProfileInfo UnlockDialog::selectedProfile() const
{
    const int i = m_profileCombo ? m_profileCombo->currentIndex() : 0;
    return m_profiles.value(std::max(0, i));
}

void UnlockDialog::profileChanged()
{
    const ProfileInfo p = selectedProfile();
    const bool passphrase = p.protection == KeyProtection::Passphrase;
    if (m_mode == Mode::Locked) {
        m_title->setText(tr("Outpost is locked"));
        m_subtitle->setText(passphrase ? tr("Enter the passphrase of \u201c%1\u201d to continue where you left off.")
                                             .arg(p.name)
                                       : tr("Unlock \u201c%1\u201d to continue where you left off.").arg(p.name));
    } else {
        m_title->setText(tr("Unlock \u201c%1\u201d").arg(p.name));
        m_subtitle->setText(passphrase ? tr("Your data is encrypted. Enter the passphrase of this profile.")
                                       : tr("Your data is encrypted; its key is in this computer's keychain."));
    }
    KeyStore* keychain = m_manager.keychain();
    m_protectionLabel->setText(
        passphrase ? QString()
                   : tr("The key is read from the keychain (%1). Your desktop may ask you to allow it.")
                         .arg(keychain ? keychain->backendName() : tr("not available")));
    m_protectionLabel->setVisible(!passphrase);
    m_passphraseRow->setVisible(passphrase);
    m_passphrase->clear();
    m_message->clearMessage();
    m_unlockButton->setText(tr("&Unlock"));
    if (passphrase)
        m_passphrase->setFocus();
    else
        m_unlockButton->setFocus();
    adjustSize();
}

void UnlockDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    if (m_shownOnce)
        return;
    m_shownOnce = true;
    if (selectedProfile().protection == KeyProtection::Passphrase)
        m_passphrase->setFocus();
    else if (m_mode == Mode::Startup && m_autoUnlock)
        QTimer::singleShot(0, this, &UnlockDialog::startUnlock);
}

void UnlockDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_busyRow->setVisible(busy);
    m_unlockButton->setEnabled(!busy);
    m_passphrase->setEnabled(!busy);
    if (m_profileCombo)
        m_profileCombo->setEnabled(!busy);
    if (m_newProfileButton)
        m_newProfileButton->setEnabled(!busy);
    // Cancel stays enabled: while busy it abandons the attempt.
}

void UnlockDialog::startUnlock()
{
    if (m_busy)
        return;
    const ProfileInfo p = selectedProfile();
    if (p.protection == KeyProtection::Passphrase && m_passphrase->text().isEmpty()) {
        m_message->showError(tr("Enter the passphrase."));
        m_passphrase->setFocus();
        return;
    }
    m_message->clearMessage();
    m_busyLabel->setText(p.protection == KeyProtection::Passphrase ? tr("Unlocking…")
                                                                   : tr("Unlocking with the keychain…"));
    setBusy(true);
    m_cancelButton->setFocus();
    const int generation = ++m_generation;
    QPointer<UnlockDialog> self(this);
    m_manager.unlock(p, m_passphrase->text(), [self, generation](Result<std::unique_ptr<Workspace>> result) {
        if (!self || generation != self->m_generation)
            return; // cancelled or closed: a workspace that arrives anyway is closed right here
        self->finished(std::move(result));
    });
}

void UnlockDialog::abortUnlock()
{
    ++m_generation;
    setBusy(false);
    m_message->showMessage(MessageLabel::Kind::Info, tr("Unlocking was cancelled."));
    if (selectedProfile().protection == KeyProtection::Passphrase)
        m_passphrase->setFocus();
    else
        m_unlockButton->setFocus();
}

void UnlockDialog::reject()
{
    if (m_busy) {
        abortUnlock();
        return;
    }
    QDialog::reject();
}

void UnlockDialog::showMigration(int step, int steps)
{
    if (!m_busy)
        return; // an abandoned attempt: its migrations finish unseen, and its workspace is closed on arrival
    if (!m_migration) {
        m_migration = new MigrationProgressDialog(this);
        m_migration->open();
    }
    m_migration->setStep(step, steps);
}

void UnlockDialog::finished(Result<std::unique_ptr<Workspace>> result)
{
    if (m_migration) {
        m_migration->hide();
        m_migration->deleteLater();
    }
    setBusy(false);
    if (result) {
        m_workspace = std::move(result.value());
        m_passphrase->clear();
        accept();
        return;
    }
    const ProfileInfo p = selectedProfile();
    const Error& e = result.error();
    if (p.protection == KeyProtection::Passphrase) {
        if (e.code == ErrorCode::WrongKey)
            m_message->showError(tr("That passphrase is not correct. Check Caps Lock and the keyboard layout, then "
                                    "try again."));
        else
            m_message->showError(e.message);
        m_passphrase->selectAll();
        m_passphrase->setFocus();
        return;
    }
    // The keychain messages say what happened and that the database was left alone.
    m_message->showError(e.message);
    m_unlockButton->setText(tr("&Try Again"));
    m_unlockButton->setFocus();
}

} // namespace outpost
