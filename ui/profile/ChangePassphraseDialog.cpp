#include "profile/ChangePassphraseDialog.h"

#include "profile/PassphraseFields.h"
#include "profile/ProfileManager.h"
#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace outpost {

ChangePassphraseDialog::ChangePassphraseDialog(ProfileManager& manager, const ProfileInfo& info, QWidget* parent)
    : QDialog(parent)
    , m_manager(manager)
    , m_info(info)
    , m_current(new QLineEdit(this))
    , m_fields(new PassphraseFields(this))
    , m_message(new MessageLabel(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("changePassphraseDialog"));
    setWindowTitle(tr("Change Passphrase"));
    m_current->setObjectName(QStringLiteral("currentPassphraseEdit"));
    m_message->setObjectName(QStringLiteral("changePassphraseMessage"));
    m_current->setEchoMode(QLineEdit::Password);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Change Passphrase"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("changePassphraseOkButton"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();

    auto* intro = new QLabel(tr("The passphrase of \u201c%1\u201d protects the key of its database. After the "
                                "change, only the new passphrase opens it.")
                                 .arg(info.name),
                             this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("C&urrent passphrase:"), m_current);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_fields);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);

    connect(m_current, &QLineEdit::textChanged, this, [this] {
        m_message->clearMessage();
        updateState();
    });
    connect(m_fields, &PassphraseFields::changed, this, &ChangePassphraseDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ChangePassphraseDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ChangePassphraseDialog::reject);
    updateState();
}

void ChangePassphraseDialog::updateState()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_busy && !m_current->text().isEmpty() && m_fields->isAcceptable());
}

void ChangePassphraseDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_current->setEnabled(!busy);
    m_fields->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!busy);
    updateState();
    emit busyChanged(busy);
}

void ChangePassphraseDialog::reject()
{
    if (!m_busy)
        QDialog::reject();
}

void ChangePassphraseDialog::submit()
{
    if (m_busy || !m_fields->isAcceptable())
        return;
    if (m_current->text() == m_fields->passphrase()) {
        m_message->showError(tr("The new passphrase is the same as the current one."));
        return;
    }
    setBusy(true);
    QPointer<ChangePassphraseDialog> self(this);
    m_manager.changePassphrase(m_info, m_current->text(), m_fields->passphrase(), [self](Status status) {
        if (!self)
            return;
        self->setBusy(false);
        // Ending busy work is told to listeners, which may close this dialog (a lock that waited for it).
        if (!self)
            return;
        if (status) {
            self->accept();
            return;
        }
        if (status.code() == ErrorCode::WrongKey) {
            self->m_message->showError(tr("The current passphrase is not correct. Nothing was changed."));
            self->m_current->selectAll();
            self->m_current->setFocus();
        } else {
            self->m_message->showError(status.message());
        }
    });
}

} // namespace outpost
