#include "pipeline/DealEditDialog.h"

#include "mutations/ArgReader.h"
#include "mutations/MutationEngine.h"
#include "pipeline/DealRepository.h"
#include "pipeline/Money.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>

namespace outpost {

namespace {
// Noon local time: the date stays the same for colleagues up to eleven hours away.
qint64 dateToMs(const QDate& date)
{
    return QDateTime(date, QTime(12, 0)).toMSecsSinceEpoch();
}
} // namespace

DealEditDialog::DealEditDialog(MutationEngine& mutations, DealRepository& repository, const Deal& deal, QWidget* parent)
    : QDialog(parent), m_mutations(mutations), m_repository(repository), m_original(deal)
{
    setWindowTitle(isNew() ? tr("New Deal") : tr("Edit Deal"));
    setObjectName(QStringLiteral("dealEditDialog"));
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_title = new QLineEdit(deal.title, this);
    m_title->setMaxLength(200);
    m_title->setPlaceholderText(tr("What is being sold, to whom"));
    form->addRow(tr("&Title:"), m_title);

    if (isNew()) {
        m_pipeline = new QComboBox(this);
        auto pipelines = repository.pipelines();
        for (const Pipeline& p : pipelines ? pipelines.value() : QList<Pipeline>())
            m_pipeline->addItem(p.name, p.id);
        m_pipeline->setCurrentIndex(std::max(0, m_pipeline->findData(deal.pipelineId)));
        m_stage = new QComboBox(this);
        form->addRow(tr("&Pipeline:"), m_pipeline);
        form->addRow(tr("&Stage:"), m_stage);
        fillStages();
        m_stage->setCurrentIndex(std::max(0, m_stage->findData(deal.stageId)));
        connect(m_pipeline, &QComboBox::currentIndexChanged, this, [this] { fillStages(); });
    }

    m_value = new QLineEdit(this);
    m_value->setObjectName(QStringLiteral("dealValue"));
    m_value->setPlaceholderText(tr("0.00"));
    m_currency = new QComboBox(this);
    m_currency->setEditable(true);
    m_currency->addItems(money::commonCurrencies());
    m_currency->lineEdit()->setMaxLength(3);
    m_currency->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{0,3}")), m_currency));
    const QString currency = deal.currency.isEmpty() ? QStringLiteral("EUR") : deal.currency;
    m_currency->setCurrentText(currency);
    if (!isNew() || deal.amountMinor != 0)
        m_value->setText(money::plain(deal.amountMinor, currency));
    auto* valueRow = new QHBoxLayout;
    valueRow->addWidget(m_value, 1);
    valueRow->addWidget(m_currency);
    auto* valueLabel = new QLabel(tr("&Value:"), this);
    valueLabel->setBuddy(m_value);
    form->addRow(valueLabel, valueRow);

    m_hasClose = new QCheckBox(tr("Expected to close on"), this);
    m_close = new QDateEdit(this);
    m_close->setCalendarPopup(true);
    m_close->setDate(deal.expectedCloseAt ? QDateTime::fromMSecsSinceEpoch(*deal.expectedCloseAt).date()
                                          : QDate::currentDate().addMonths(1));
    m_hasClose->setChecked(deal.expectedCloseAt.has_value());
    m_close->setEnabled(m_hasClose->isChecked());
    auto* closeRow = new QHBoxLayout;
    closeRow->addWidget(m_hasClose);
    closeRow->addWidget(m_close, 1);
    form->addRow(tr("Close:"), closeRow);
    connect(m_hasClose, &QCheckBox::toggled, m_close, &QWidget::setEnabled);

    m_owner = new QLineEdit(deal.ownerId.isEmpty() ? mutations.actor() : deal.ownerId, this);
    m_owner->setMaxLength(100);
    form->addRow(tr("&Owner:"), m_owner);

    m_message = new MessageLabel(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &DealEditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_title, &QLineEdit::textChanged, this, &DealEditDialog::validate);
    connect(m_value, &QLineEdit::textChanged, this, &DealEditDialog::validate);
    connect(m_currency, &QComboBox::currentTextChanged, this, &DealEditDialog::validate);
    validate();
    resize(440, sizeHint().height());
}

void DealEditDialog::fillStages()
{
    m_stage->clear();
    auto stages = m_repository.stages(m_pipeline->currentData().toString());
    for (const PipelineStage& s : stages ? stages.value() : QList<PipelineStage>()) {
        if (s.kind == PipelineStage::Kind::Open)
            m_stage->addItem(tr("%1 (%2 %)").arg(s.name).arg(s.probability), s.id);
    }
}

void DealEditDialog::validate()
{
    QString problem;
    const QString currency = m_currency->currentText().toUpper();
    if (m_title->text().trimmed().isEmpty())
        problem = tr("Give the deal a title.");
    else if (currency.size() != 3)
        problem = tr("The currency is a three-letter code such as EUR or USD.");
    else if (!m_value->text().trimmed().isEmpty() && !money::parse(m_value->text(), currency))
        problem = tr("The value must be an amount such as 1250 or 1250.50 (at most %n decimal(s) in %1).", nullptr,
                     money::decimals(currency))
                      .arg(currency);
    else if (isNew() && m_stage->count() == 0)
        problem = tr("This pipeline has no open stage for a new deal.");
    if (problem.isEmpty())
        m_message->clearMessage();
    else if (!m_title->text().isEmpty() || !m_value->text().isEmpty())
        m_message->showMessage(MessageLabel::Kind::Warning, problem);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(problem.isEmpty());
}

void DealEditDialog::save()
{
    const QString currency = m_currency->currentText().toUpper();
    const qint64 amount = m_value->text().trimmed().isEmpty() ? 0 : money::parse(m_value->text(), currency).value_or(0);
    const QJsonValue close = m_hasClose->isChecked() ? QJsonValue(double(dateToMs(m_close->date()))) : QJsonValue();
    Result<Mutation> result = Error();
    QString id = m_original.id;
    if (isNew()) {
        id = newUuidV7();
        QJsonObject args{{QStringLiteral("id"), id},
                         {QStringLiteral("title"), m_title->text().trimmed()},
                         {QStringLiteral("pipelineId"), m_pipeline->currentData().toString()},
                         {QStringLiteral("stageId"), m_stage->currentData().toString()},
                         {QStringLiteral("amountMinor"), double(amount)},
                         {QStringLiteral("currency"), currency},
                         {QStringLiteral("expectedCloseAt"), close},
                         {QStringLiteral("ownerId"), m_owner->text().trimmed()}};
        if (!m_original.contactId.isEmpty())
            args.insert(QStringLiteral("contactId"), m_original.contactId);
        if (!m_original.companyId.isEmpty())
            args.insert(QStringLiteral("companyId"), m_original.companyId);
        result = m_mutations.submit(QStringLiteral("deal.create"), args);
    } else {
        QJsonObject set;
        const QJsonObject now{{QStringLiteral("title"), m_title->text().trimmed()},
                              {QStringLiteral("amountMinor"), double(amount)},
                              {QStringLiteral("currency"), currency},
                              {QStringLiteral("expectedCloseAt"), close},
                              {QStringLiteral("ownerId"), m_owner->text().trimmed()}};
        changedFields(m_original.toJson(), now, nullptr, &set);
        if (set.isEmpty()) {
            accept();
            return;
        }
        result = m_mutations.submit(QStringLiteral("deal.update"), {{QStringLiteral("id"), id}, {QStringLiteral("set"), set}});
    }
    if (!result) {
        m_message->showError(result.message());
        return;
    }
    m_savedId = id;
    emit saved(id);
    accept();
}

} // namespace outpost
