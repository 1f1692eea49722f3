#include "profile/PassphraseFields.h"

#include "keys/PassphraseKeyWrap.h"
#include "widgets/MessageLabel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QVBoxLayout>

namespace outpost {

PassphraseFields::PassphraseFields(QWidget* parent)
    : QWidget(parent)
    , m_first(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_show(new QCheckBox(tr("Show passphrase"), this))
    , m_message(new MessageLabel(this))
{
    m_first->setObjectName(QStringLiteral("passphraseEdit"));
    m_repeat->setObjectName(QStringLiteral("passphraseRepeatEdit"));
    m_show->setObjectName(QStringLiteral("showPassphraseCheck"));
    m_message->setObjectName(QStringLiteral("passphraseMessage"));
    for (QLineEdit* e : {m_first, m_repeat}) {
        e->setEchoMode(QLineEdit::Password);
        e->setClearButtonEnabled(false);
        e->setMinimumWidth(260);
    }
    m_first->setPlaceholderText(tr("At least 10 characters"));

    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Passphrase:"), m_first);
    form->addRow(tr("&Repeat:"), m_repeat);
    form->addRow(QString(), m_show);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_message);

    connect(m_first, &QLineEdit::textChanged, this, &PassphraseFields::update);
    connect(m_repeat, &QLineEdit::textChanged, this, &PassphraseFields::update);
    connect(m_show, &QCheckBox::toggled, this, [this](bool show) {
        const auto mode = show ? QLineEdit::Normal : QLineEdit::Password;
        m_first->setEchoMode(mode);
        m_repeat->setEchoMode(mode);
    });
    update();
}

QString PassphraseFields::passphrase() const
{
    return m_first->text();
}

bool PassphraseFields::isAcceptable() const
{
    return PassphraseKeyWrap::passphraseProblem(m_first->text()).isEmpty() && m_first->text() == m_repeat->text();
}

void PassphraseFields::clear()
{
    m_first->clear();
    m_repeat->clear();
}

void PassphraseFields::update()
{
    const QString first = m_first->text();
    if (first.isEmpty()) {
        m_message->showMessage(MessageLabel::Kind::Info,
                               tr("Choose a passphrase of at least 10 characters. A few unrelated words are easy to "
                                  "remember and hard to guess. If you forget it, your data cannot be recovered."));
    } else if (const QString problem = PassphraseKeyWrap::passphraseProblem(first); !problem.isEmpty()) {
        m_message->showMessage(MessageLabel::Kind::Warning, problem);
    } else if (m_repeat->text().isEmpty()) {
        m_message->showMessage(MessageLabel::Kind::Success, tr("This passphrase is strong enough. Type it again to "
                                                               "confirm it."));
    } else if (m_repeat->text() != first) {
        m_message->showMessage(MessageLabel::Kind::Error, tr("The two passphrases are not the same."));
    } else {
        m_message->showMessage(MessageLabel::Kind::Success, tr("The passphrases match."));
    }
    emit changed();
}

} // namespace outpost
