#include "privacy/ConsentDialog.h"

#include "mutations/MutationEngine.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace outpost {

ConsentDialog::ConsentDialog(MutationEngine& engine, const QString& contactId, const std::optional<Consent>& existing,
                             qint64 nowMs, QWidget* parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_contactId(contactId)
    , m_existing(existing)
    , m_purpose(new QComboBox(this))
    , m_source(new QLineEdit(this))
    , m_given(new QDateTimeEdit(this))
    , m_expires(new QCheckBox(tr("E&xpires on"), this))
    , m_expiry(new QDateTimeEdit(this))
    , m_message(new MessageLabel(this))
{
    setObjectName(QStringLiteral("consentDialog"));
    setWindowTitle(existing ? tr("Edit Consent") : tr("Record Consent"));
    m_purpose->setObjectName(QStringLiteral("consentPurpose"));
    m_source->setObjectName(QStringLiteral("consentSource"));
    m_given->setObjectName(QStringLiteral("consentGiven"));
    m_expires->setObjectName(QStringLiteral("consentExpiresCheck"));
    m_expiry->setObjectName(QStringLiteral("consentExpiry"));
    m_message->setObjectName(QStringLiteral("consentMessage"));

    // Common purposes to pick from; any other can be typed.
    m_purpose->setEditable(true);
    m_purpose->addItems({tr("Newsletter by e-mail"), tr("Phone calls"), tr("Text messages"), tr("Postal mail"),
                         tr("Sharing with the sponsor line"), tr("Profiling for offers")});
    m_purpose->setCurrentIndex(-1);
    m_purpose->lineEdit()->setPlaceholderText(tr("What the person agreed to"));
    m_source->setPlaceholderText(tr("e.g. web form, signed paper form, phone call"));
    for (QDateTimeEdit* edit : {m_given, m_expiry}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    }
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime();
    m_given->setDateTime(now);
    m_expiry->setDateTime(now.addYears(2));
    m_expiry->setEnabled(false);
    if (existing) {
        m_purpose->setEditText(existing->purpose);
        m_source->setText(existing->source);
        m_given->setDateTime(QDateTime::fromMSecsSinceEpoch(existing->givenAt).toLocalTime());
        if (existing->expiresAt) {
            m_expires->setChecked(true);
            m_expiry->setEnabled(true);
            m_expiry->setDateTime(QDateTime::fromMSecsSinceEpoch(*existing->expiresAt).toLocalTime());
        }
    }
    connect(m_expires, &QCheckBox::toggled, m_expiry, &QWidget::setEnabled);

    auto* form = new QFormLayout;
    form->addRow(tr("&Purpose:"), m_purpose);
    form->addRow(tr("&Source:"), m_source);
    form->addRow(tr("&Given on:"), m_given);
    form->addRow(m_expires, m_expiry);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(existing ? tr("&Save") : tr("&Record"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConsentDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConsentDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

void ConsentDialog::accept()
{
    const QJsonValue expiry = m_expires->isChecked() ? QJsonValue(double(m_expiry->dateTime().toMSecsSinceEpoch()))
                                                     : QJsonValue(QJsonValue::Null);
    QJsonObject fields{{QStringLiteral("purpose"), m_purpose->currentText()},
                       {QStringLiteral("source"), m_source->text()},
                       {QStringLiteral("givenAt"), double(m_given->dateTime().toMSecsSinceEpoch())}};
    Result<Mutation> result = Error(ErrorCode::Unknown, QString());
    if (m_existing) {
        fields.insert(QStringLiteral("expiresAt"), expiry);
        result = m_engine.submit(QStringLiteral("consent.update"),
                                 QJsonObject{{QStringLiteral("id"), m_existing->id}, {QStringLiteral("set"), fields}});
    } else {
        if (!expiry.isNull())
            fields.insert(QStringLiteral("expiresAt"), expiry);
        fields.insert(QStringLiteral("id"), newUuidV7());
        fields.insert(QStringLiteral("contactId"), m_contactId);
        result = m_engine.submit(QStringLiteral("consent.give"), fields);
    }
    if (!result) {
        m_message->showError(result.message());
        return;
    }
    QDialog::accept();
}

} // namespace outpost
