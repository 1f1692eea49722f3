#include "leads/ScoringRulesDialog.h"

#include "activities/Activity.h"
#include "leads/Lead.h"
#include "leads/ScoringRuleModel.h"
#include "profile/Workspace.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace outpost {

namespace {
QSpinBox* spin(QWidget* parent, int min, int max, const QString& special = {})
{
    auto* s = new QSpinBox(parent);
    s->setRange(min, max);
    if (!special.isEmpty())
        s->setSpecialValueText(special);
    return s;
}
} // namespace

ScoringRulesDialog::ScoringRulesDialog(Workspace& workspace, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_model(new ScoringRuleModel(workspace.database(), this))
    , m_table(new QTableView(this))
    , m_kind(new QComboBox(this))
    , m_label(new QLineEdit(this))
    , m_kindStack(new QStackedWidget(this))
    , m_field(new QComboBox(this))
    , m_test(new QComboBox(this))
    , m_value(new QLineEdit(this))
    , m_activityKind(new QComboBox(this))
    , m_halfLife(spin(this, 0, 3650, tr("no decay")))
    , m_window(spin(this, 0, 3650, tr("all time")))
    , m_cap(spin(this, 0, 1000, tr("no cap")))
    , m_points(spin(this, -1000, 1000))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
    , m_save(new QPushButton(tr("&Save Rule"), this))
    , m_delete(new QPushButton(tr("&Delete Rule"), this))
    , m_mql(spin(this, -1000, 10000))
    , m_sql(spin(this, -1000, 10000))
    , m_message(new MessageLabel(this))
{
    setWindowTitle(tr("Lead Scoring Rules"));
    setObjectName(QStringLiteral("scoringRulesDialog"));
    m_table->setObjectName(QStringLiteral("rulesTable"));
    m_label->setObjectName(QStringLiteral("ruleLabel"));
    m_points->setObjectName(QStringLiteral("rulePoints"));
    m_kind->setObjectName(QStringLiteral("ruleKind"));
    m_save->setObjectName(QStringLiteral("saveRuleButton"));
    m_mql->setObjectName(QStringLiteral("mqlThreshold"));
    m_sql->setObjectName(QStringLiteral("sqlThreshold"));

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(ScoringRuleModel::RuleColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(ScoringRuleModel::LabelColumn, 200);

    m_kind->addItem(tr("Profile fit"), QStringLiteral("fit"));
    m_kind->addItem(tr("Behaviour (activities)"), QStringLiteral("behaviour"));
    for (const QString& f : Lead::fieldNames())
        m_field->addItem(Lead::fieldLabel(f), f);
    m_test->addItem(tr("is filled in"), QStringLiteral("present"));
    m_test->addItem(tr("is empty"), QStringLiteral("missing"));
    m_test->addItem(tr("equals"), QStringLiteral("equals"));
    m_test->addItem(tr("contains"), QStringLiteral("contains"));
    m_activityKind->addItem(tr("Any activity"), QString());
    for (const QString& k : Activity::kinds())
        m_activityKind->addItem(ActivityValidation::kindLabel(k), k);
    m_halfLife->setSuffix(tr(" days"));
    m_window->setSuffix(tr(" days"));
    m_label->setPlaceholderText(tr("What the explanation says, e.g. \"No phone number\""));

    auto* fitPage = new QWidget(this);
    auto* fitForm = new QFormLayout(fitPage);
    fitForm->setContentsMargins(0, 0, 0, 0);
    fitForm->addRow(tr("F&ield:"), m_field);
    fitForm->addRow(tr("&Test:"), m_test);
    fitForm->addRow(tr("&Value:"), m_value);
    auto* behaviourPage = new QWidget(this);
    auto* behaviourForm = new QFormLayout(behaviourPage);
    behaviourForm->setContentsMargins(0, 0, 0, 0);
    behaviourForm->addRow(tr("&Activity:"), m_activityKind);
    behaviourForm->addRow(tr("&Half-life:"), m_halfLife);
    behaviourForm->addRow(tr("&Window:"), m_window);
    behaviourForm->addRow(tr("&Cap:"), m_cap);
    m_kindStack->addWidget(fitPage);
    m_kindStack->addWidget(behaviourPage);

    auto* ruleBox = new QGroupBox(tr("Rule"), this);
    auto* ruleForm = new QFormLayout(ruleBox);
    ruleForm->addRow(tr("&Kind:"), m_kind);
    ruleForm->addRow(tr("&Label:"), m_label);
    ruleForm->addRow(m_kindStack);
    ruleForm->addRow(tr("&Points:"), m_points);
    ruleForm->addRow(QString(), m_enabled);
    auto* ruleButtons = new QHBoxLayout;
    auto* add = new QPushButton(tr("&New Rule"), this);
    ruleButtons->addWidget(add);
    ruleButtons->addStretch();
    ruleButtons->addWidget(m_delete);
    ruleButtons->addWidget(m_save);
    ruleForm->addRow(ruleButtons);

    auto* thresholdBox = new QGroupBox(tr("Qualification thresholds"), this);
    auto* thresholdForm = new QFormLayout(thresholdBox);
    thresholdForm->addRow(tr("&Marketing qualified from:"), m_mql);
    thresholdForm->addRow(tr("S&ales qualified from:"), m_sql);
    auto* saveThresholdsButton = new QPushButton(tr("Save &Thresholds"), this);
    thresholdForm->addRow(QString(), saveThresholdsButton);

    auto* side = new QVBoxLayout;
    side->addWidget(ruleBox);
    side->addWidget(thresholdBox);
    side->addStretch();
    auto* body = new QHBoxLayout;
    body->addWidget(m_table, 3);
    body->addLayout(side, 2);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &ScoringRulesDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(980, 520);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ScoringRulesDialog::updateKindFields);
    connect(m_test, &QComboBox::currentIndexChanged, this, &ScoringRulesDialog::updateKindFields);
    connect(add, &QPushButton::clicked, this, [this] { editRule({}); });
    connect(m_save, &QPushButton::clicked, this, &ScoringRulesDialog::saveRule);
    connect(m_delete, &QPushButton::clicked, this, &ScoringRulesDialog::deleteRule);
    connect(saveThresholdsButton, &QPushButton::clicked, this, &ScoringRulesDialog::saveThresholds);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (const ScoringRule* r = m_model->ruleAt(current.row()))
                    loadForm(*r);
            });
    connect(&workspace.mutations(), &MutationEngine::changed, m_model, &ScoringRuleModel::onEntitiesChanged);

    m_mql->setValue(m_model->threshold(QStringLiteral("mql")).value_or(ScoringRule{}).points);
    m_sql->setValue(m_model->threshold(QStringLiteral("sql")).value_or(ScoringRule{}).points);
    if (!m_model->threshold(QStringLiteral("mql")))
        m_mql->setValue(ScoringRule::kDefaultMql);
    if (!m_model->threshold(QStringLiteral("sql")))
        m_sql->setValue(ScoringRule::kDefaultSql);
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    else
        editRule({});
}

void ScoringRulesDialog::editRule(const QString& id)
{
    const int row = m_model->rowOf(id);
    if (const ScoringRule* r = m_model->ruleAt(row)) {
        m_table->selectRow(row);
        loadForm(*r);
        return;
    }
    m_table->clearSelection();
    ScoringRule blank;
    blank.kind = QStringLiteral("fit");
    blank.field = QStringLiteral("phone");
    blank.test = QStringLiteral("present");
    blank.points = 10;
    loadForm(blank);
    m_label->setFocus();
}

void ScoringRulesDialog::loadForm(const ScoringRule& r)
{
    m_editingId = r.id;
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(r.kind)));
    m_label->setText(r.label);
    m_field->setCurrentIndex(std::max(0, m_field->findData(r.field)));
    m_test->setCurrentIndex(std::max(0, m_test->findData(r.test)));
    m_value->setText(r.value);
    m_activityKind->setCurrentIndex(std::max(0, m_activityKind->findData(r.activityKind)));
    m_halfLife->setValue(r.halfLifeDays);
    m_window->setValue(r.windowDays);
    m_cap->setValue(r.maxPoints);
    m_points->setValue(r.points);
    m_enabled->setChecked(r.enabled);
    m_delete->setEnabled(!r.id.isEmpty());
    m_message->clearMessage();
    updateKindFields();
}

void ScoringRulesDialog::updateKindFields()
{
    const bool fit = m_kind->currentData().toString() == QLatin1String("fit");
    m_kindStack->setCurrentIndex(fit ? 0 : 1);
    const QString test = m_test->currentData().toString();
    m_value->setEnabled(test == QLatin1String("equals") || test == QLatin1String("contains"));
}

ScoringRule ScoringRulesDialog::formRule() const
{
    ScoringRule r;
    r.id = m_editingId.isEmpty() ? newUuidV7() : m_editingId;
    r.kind = m_kind->currentData().toString();
    r.label = m_label->text().trimmed();
    r.points = m_points->value();
    r.enabled = m_enabled->isChecked();
    const ScoringRule* existing = m_model->ruleAt(m_model->rowOf(m_editingId));
    r.position = existing ? existing->position : m_model->nextPosition();
    if (r.kind == QLatin1String("fit")) {
        r.field = m_field->currentData().toString();
        r.test = m_test->currentData().toString();
        if (m_value->isEnabled())
            r.value = m_value->text().trimmed();
    } else {
        r.activityKind = m_activityKind->currentData().toString();
        r.halfLifeDays = m_halfLife->value();
        r.windowDays = m_window->value();
        r.maxPoints = m_cap->value();
    }
    return r;
}

bool ScoringRulesDialog::saveRule()
{
    const ScoringRule r = formRule();
    QJsonObject args = r.toJson();
    args.insert(QStringLiteral("id"), r.id);
    auto m = m_workspace.mutations().submit(QStringLiteral("scoring_rule.set"), args);
    if (!m) {
        m_message->showError(m.message());
        return false;
    }
    editRule(r.id);
    m_message->showMessage(MessageLabel::Kind::Success, tr("Saved. Every lead is being scored again."));
    return true;
}

bool ScoringRulesDialog::saveThresholds()
{
    if (m_sql->value() < m_mql->value()) {
        m_message->showError(tr("Sales qualified must start at or above marketing qualified."));
        return false;
    }
    for (const auto& [which, box] : {std::pair{QStringLiteral("mql"), m_mql}, std::pair{QStringLiteral("sql"), m_sql}}) {
        ScoringRule t = m_model->threshold(which).value_or(ScoringRule{});
        if (t.id.isEmpty())
            t.id = newUuidV7();
        t.kind = QStringLiteral("threshold");
        t.value = which;
        t.points = box->value();
        QJsonObject args = t.toJson();
        args.insert(QStringLiteral("id"), t.id);
        auto m = m_workspace.mutations().submit(QStringLiteral("scoring_rule.set"), args);
        if (!m) {
            m_message->showError(m.message());
            return false;
        }
    }
    m_message->showMessage(MessageLabel::Kind::Success, tr("Thresholds saved."));
    return true;
}

void ScoringRulesDialog::deleteRule()
{
    if (m_editingId.isEmpty())
        return;
    auto m = m_workspace.mutations().submit(QStringLiteral("scoring_rule.delete"), {{QStringLiteral("id"), m_editingId}});
    if (!m) {
        m_message->showError(m.message());
        return;
    }
    editRule({});
}

} // namespace outpost
