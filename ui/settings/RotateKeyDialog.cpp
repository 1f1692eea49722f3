#include "settings/RotateKeyDialog.h"

#include "keys/KeyStore.h"
#include "profile/ProfileManager.h"
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
    , m_manager(manager)
    , m_workspace(workspace)
    , m_needsPassphrase(workspace.info().protection == KeyProtection::Passphrase)
    , m_progress(new QProgressBar(this))
    , m_progressLabel(new QLabel(tr("Re-encrypting the database…"), this))
    , m_message(new MessageLabel(this))
    , m_start(new QPushButton(tr("&Re-encrypt"), this))
    , m_close(new QPushButton(tr("Close"), this))
{
    setObjectName(QStringLiteral("rotateKeyDialog"));
    setWindowTitle(tr("Re-encrypt Database"));
    m_start->setObjectName(QStringLiteral("rotateStartButton"));
    m_close->setObjectName(QStringLiteral("rotateCloseButton"));
    m_message->setObjectName(QStringLiteral("rotateMessage"));

    auto* intro = new QLabel(
        m_needsPassphrase
            ? tr("Outpost will make a new random key, wrap it with your passphrase and re-encrypt the whole "
                 "database with it. Use this if you think the old key may have been exposed. Large databases take "
                 "a while; keep Outpost open until it finishes. If it is interrupted, the next unlock completes it.")
            : tr("Outpost will make a new random key, store it in the keychain and re-encrypt the whole database "
                 "with it. Use this if you think the old key may have been exposed. Large databases take a while; "
                 "keep Outpost open until it finishes. If it is interrupted, the next unlock completes it."),
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
            m_start->setEnabled(!m_busy && !text.isEmpty());
            if (m_message->kind() == MessageLabel::Kind::Error)
                m_message->clearMessage();
        });
        m_start->setEnabled(false);
    }
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progressLabel);
    progressRow->addWidget(m_progress, 1);
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
}

void RotateKeyDialog::reject()
{
    if (!m_busy)
        QDialog::reject();
}

void RotateKeyDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_progressLabel->setVisible(busy);
    m_start->setEnabled(!busy && (!m_passphrase || !m_passphrase->text().isEmpty()));
    m_close->setEnabled(!busy);
    if (m_passphrase)
        m_passphrase->setEnabled(!busy);
    emit busyChanged(busy);
}

void RotateKeyDialog::start()
{
    if (m_busy)
        return;
    m_message->clearMessage();
    setBusy(true);
    QPointer<RotateKeyDialog> self(this);
    m_manager.rotateKey(m_workspace, m_passphrase ? m_passphrase->text() : QString(), [self](Status status) {
        if (!self)
            return;
        self->setBusy(false);
        if (status) {
            self->m_message->showMessage(MessageLabel::Kind::Success,
                                         tr("Done. The database is now encrypted with a new key."));
            self->m_start->hide();
            if (self->m_passphrase)
                self->m_passphrase->clear();
            self->m_close->setFocus();
            return;
        }
        if (status.code() == ErrorCode::WrongKey && self->m_passphrase) {
            self->m_message->showError(tr("That passphrase is not correct. Nothing was changed."));
            self->m_passphrase->selectAll();
            self->m_passphrase->setFocus();
            return;
        }
        self->m_message->showError(tr("The database could not be re-encrypted: %1").arg(status.message()));
    });
}

} // namespace outpost
