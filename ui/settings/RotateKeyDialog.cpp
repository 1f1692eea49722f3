#include "settings/RotateKeyDialog.h"

#include "profile/ProfileManager.h"
#include "settings/CancellableKeyStore.h"
#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace outpost {

RotateKeyDialog::RotateKeyDialog(ProfileManager& manager, Workspace& workspace, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_keychain(new CancellableKeyStore(manager.keychain(), this))
    , m_manager(new ProfileManager(manager.keychain() ? m_keychain : nullptr, Clock::system(), this))
    , m_needsPassphrase(workspace.info().protection == KeyProtection::Passphrase)
    , m_progress(new QProgressBar(this))
    , m_progressLabel(new QLabel(this))
    , m_message(new MessageLabel(this))
    , m_start(new QPushButton(tr("&Re-encrypt"), this))
    , m_close(new QPushButton(tr("Close"), this))
{
    setObjectName(QStringLiteral("rotateKeyDialog"));
    setWindowTitle(tr("Re-encrypt Database"));
    m_start->setObjectName(QStringLiteral("rotateStartButton"));
    m_close->setObjectName(QStringLiteral("rotateCloseButton"));
    m_message->setObjectName(QStringLiteral("rotateMessage"));
    m_progressLabel->setObjectName(QStringLiteral("rotateProgressLabel"));

    auto* intro = new QLabel(
        m_needsPassphrase
            ? tr("Outpost will make a new random key, wrap it with your passphrase and re-encrypt the whole "
                 "database with it. Use this if you think the old key may have been exposed. Large databases take "
                 "a while, and once the re-encryption has started it cannot be interrupted. If Outpost is stopped "
                 "meanwhile, the next unlock completes it.")
            : tr("Outpost will make a new random key, store it in the keychain and re-encrypt the whole database "
                 "with it. Use this if you think the old key may have been exposed. You can cancel until the "
                 "keychain has stored the new key; once the re-encryption has started it cannot be interrupted. "
                 "Large databases take a while. If Outpost is stopped meanwhile, the next unlock completes it."),
        this);
    intro->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    if (m_needsPassphrase) {
        m_passphrase = new QLineEdit(this);
        m_passphrase->setObjectName(QStringLiteral("rotatePassphraseEdit"));
        m_passphrase->setEchoMode(QLineEdit::Password);
        auto* form = new QFormLayout;
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->addRow(tr("&Passphrase:"), m_passphrase);
        layout->addLayout(form);
        connect(m_passphrase, &QLineEdit::textChanged, this, [this](const QString& text) {
            m_start->setEnabled(m_stage == Stage::Idle && !text.isEmpty());
            if (m_message->kind() == MessageLabel::Kind::Error)
                m_message->clearMessage();
        });
        m_start->setEnabled(false);
    }
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progressLabel->setWordWrap(true);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progressLabel, 1);
    progressRow->addWidget(m_progress);
    layout->addLayout(progressRow);
    layout->addWidget(m_message);
    layout->addStretch(1);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    layout->addWidget(buttons);
    m_progress->hide();
    m_progressLabel->hide();
    m_start->setDefault(true);
    setMinimumWidth(480);

    connect(m_start, &QPushButton::clicked, this, &RotateKeyDialog::start);
    connect(m_close, &QPushButton::clicked, this, &RotateKeyDialog::reject);

    // Follow ProfileManager::rotateKey through the keychain: the new key is written as the pending entry
    // first; once that is answered the file is re-encrypted; then the new key is written as the main entry.
    using Request = CancellableKeyStore::Request;
    const QString pendingAccount = ProfileManager::pendingAccount(workspace.info());
    const QString mainAccount = workspace.info().id;
    connect(m_keychain, &CancellableKeyStore::answered, this,
            [this, pendingAccount](Request request, const QString& account) {
                if (m_stage == Stage::WaitingForKeychain && request == Request::Write && account == pendingAccount)
                    setStage(Stage::ReEncrypting);
            });
    connect(m_keychain, &CancellableKeyStore::requestStarted, this,
            [this, mainAccount](Request request, const QString& account) {
                if (m_stage == Stage::ReEncrypting && request == Request::Write && account == mainAccount)
                    setStage(Stage::StoringKey);
            });
}

RotateKeyDialog::~RotateKeyDialog()
{
    // Nothing may call back into a dialog that is gone (the keychain answers are dropped with m_keychain).
    m_keychain->cancel();
}

void RotateKeyDialog::reject()
{
    switch (m_stage) {
    case Stage::Idle:
    case Stage::StoringKey: // the database is done; the next unlock finishes storing the key if need be
        QDialog::reject();
        return;
    case Stage::WaitingForKeychain:
        cancel(); // Cancel stops the work, not the dialog
        return;
    case Stage::ReEncrypting:
        return;
    }
}

void RotateKeyDialog::setStage(Stage stage)
{
    if (stage == m_stage)
        return;
    const bool wasBusy = isBusy();
    m_stage = stage;
    const bool working = stage != Stage::Idle;
    switch (stage) {
    case Stage::Idle:
        break;
    case Stage::WaitingForKeychain:
        m_progressLabel->setText(tr("Storing the new key in the keychain… Your desktop may ask you to allow it. "
                                    "You can still cancel."));
        break;
    case Stage::ReEncrypting:
        m_progressLabel->setText(m_needsPassphrase
                                     ? tr("Checking the passphrase and re-encrypting the database… This cannot be "
                                          "interrupted.")
                                     : tr("Re-encrypting the database… This cannot be interrupted."));
        break;
    case Stage::StoringKey:
        m_progressLabel->setText(tr("The database is re-encrypted. Making the new key the current one in the "
                                    "keychain… If you close this window now, the next unlock finishes this step."));
        break;
    }
    m_progress->setVisible(working);
    m_progressLabel->setVisible(working);
    if (isVisible()) {
        // Grow to fit the (word-wrapped) progress text: a window does not follow its height-for-width.
        layout()->activate();
        const int needed = heightForWidth(width());
        if (needed > height())
            resize(width(), needed);
    }
    m_start->setEnabled(!working && (!m_passphrase || !m_passphrase->text().isEmpty()));
    if (m_passphrase)
        m_passphrase->setEnabled(!working);
    m_close->setText(stage == Stage::WaitingForKeychain ? tr("Cancel") : tr("Close"));
    m_close->setEnabled(!isBusy());
    if (isBusy() != wasBusy)
        emit busyChanged(isBusy());
}

void RotateKeyDialog::start()
{
    if (m_stage != Stage::Idle)
        return;
    m_message->clearMessage();
    setStage(m_needsPassphrase ? Stage::ReEncrypting : Stage::WaitingForKeychain);
    const int attempt = ++m_attempt;
    QPointer<RotateKeyDialog> self(this);
    m_manager->rotateKey(m_workspace, m_passphrase ? m_passphrase->text() : QString(),
                         [self, attempt](Status status) {
                             if (!self || attempt != self->m_attempt)
                                 return; // cancelled
                             self->setStage(Stage::Idle);
                             // Ending busy work is told to listeners, which may close this dialog (a lock
                             // that waited for it): look again before going on.
                             if (!self)
                                 return;
                             self->finished(status.ok(), status.message(),
                                            status.code() == ErrorCode::WrongKey && self->m_passphrase);
                         });
    if (m_stage == Stage::WaitingForKeychain)
        m_close->setFocus();
}

void RotateKeyDialog::cancel()
{
    if (m_stage != Stage::WaitingForKeychain)
        return;
    m_keychain->cancel();
    ++m_attempt;
    setStage(Stage::Idle);
    m_message->showMessage(MessageLabel::Kind::Info,
                           tr("Re-encryption was cancelled before it started. The database was not changed."));
    m_start->setFocus();
}

void RotateKeyDialog::finished(bool ok, const QString& message, bool wrongPassphrase)
{
    if (ok) {
        m_message->showMessage(MessageLabel::Kind::Success, tr("Done. The database is now encrypted with a new key."));
        m_start->hide();
        if (m_passphrase)
            m_passphrase->clear();
        m_close->setFocus();
        return;
    }
    if (wrongPassphrase) {
        m_message->showError(tr("That passphrase is not correct. Nothing was changed."));
        m_passphrase->selectAll();
        m_passphrase->setFocus();
        return;
    }
    m_message->showError(tr("The database could not be re-encrypted: %1").arg(message));
}

} // namespace outpost
