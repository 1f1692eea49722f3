#include "segments/SegmentRuleEditor.h"

#include "contacts/CountryComboBox.h"
#include "theme/ThemedIcon.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace outpost {

namespace {

constexpr int kMaxDepth = 3; // groups nested in the editor (the filter allows more; nobody needs them)
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

enum class ValueKind { None, Text, Choice, Country, List, Number, NumberRange, Date, DateRange, Days };

ValueKind kindFor(const SegmentField& f, const QString& op)
{
    using T = SegmentField::Type;
    if (op == QLatin1String("isEmpty") || op == QLatin1String("isNotEmpty"))
        return ValueKind::None;
    if (op == QLatin1String("in") || op == QLatin1String("notIn"))
        return ValueKind::List;
    switch (f.type) {
    case T::Number:
        return op == QLatin1String("between") ? ValueKind::NumberRange : ValueKind::Number;
    case T::Time:
        if (op == QLatin1String("withinLastDays"))
            return ValueKind::Days;
        return op == QLatin1String("between") ? ValueKind::DateRange : ValueKind::Date;
    case T::Choice:
        if (f.key == QLatin1String("country"))
            return ValueKind::Country;
        return f.choices.isEmpty() ? ValueKind::Text : ValueKind::Choice;
    case T::Set:
    case T::Tags:
    case T::MultiChoice:
        return ValueKind::Choice; // editable when there are no choices to offer (tags, consent purposes)
    case T::Text:
        break;
    }
    return ValueKind::Text;
}

// Custom dates are stored as the day's UTC midnight; contact times are instants shown in local time.
bool utcDays(const SegmentField& f)
{
    return f.key.startsWith(QLatin1String("custom."));
}

qint64 dayStart(const QDate& d, bool utc)
{
    return (utc ? d.startOfDay(Qt::UTC) : d.startOfDay()).toMSecsSinceEpoch();
}

QDate dayOf(qint64 ms, bool utc)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return (utc ? t : t.toLocalTime()).date();
}

QDateEdit* dateEdit(QWidget* parent)
{
    auto* e = new QDateEdit(QDate::currentDate(), parent);
    e->setCalendarPopup(true);
    e->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    return e;
}

QDoubleSpinBox* numberEdit(QWidget* parent)
{
    auto* e = new QDoubleSpinBox(parent);
    e->setRange(-1e12, 1e12);
    e->setDecimals(2);
    e->setGroupSeparatorShown(true);
    return e;
}

QToolButton* iconButton(const QString& icon, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setIcon(themedIcon(icon));
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

} // namespace

// ---- SegmentRuleRow ------------------------------------------------------------------------------------

SegmentRuleRow::SegmentRuleRow(const SegmentFields& fields, QWidget* parent)
    : QWidget(parent)
    , m_fields(fields)
    , m_field(new QComboBox(this))
    , m_op(new QComboBox(this))
    , m_valueBox(new QHBoxLayout)
{
    setObjectName(QStringLiteral("segmentRule"));
    m_field->setObjectName(QStringLiteral("segmentRuleField"));
    m_op->setObjectName(QStringLiteral("segmentRuleOperator"));
    for (const SegmentField& f : fields.fields()) {
        if (!f.retired)
            m_field->addItem(f.label, f.key);
    }
    m_field->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_op->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* remove = iconButton(QStringLiteral("delete"), tr("Remove this rule"), this);
    remove->setObjectName(QStringLiteral("segmentRuleRemove"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_field);
    layout->addWidget(m_op);
    m_valueBox->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_valueBox, 1);
    layout->addWidget(remove);

    connect(m_field, &QComboBox::currentIndexChanged, this, &SegmentRuleRow::fieldChosen);
    connect(m_op, &QComboBox::currentIndexChanged, this, [this] {
        rebuildValue();
        emit changed();
    });
    connect(remove, &QToolButton::clicked, this, &SegmentRuleRow::removeRequested);
    // Any change the user makes replaces a rule kept as it was saved (see setRule). Connected before anyone
    // outside can connect, so they read the row's new rule.
    connect(this, &SegmentRuleRow::changed, this, [this] {
        if (m_loading || m_saved.isEmpty())
            return;
        m_saved = {};
        setToolTip(QString());
    });
    fieldChosen();
}

const SegmentField* SegmentRuleRow::field() const
{
    return m_fields.find(m_field->currentData().toString());
}

QString SegmentRuleRow::op() const
{
    return m_op->currentData().toString();
}

void SegmentRuleRow::fieldChosen()
{
    const SegmentField* f = field();
    const QString previous = op();
    const QSignalBlocker block(m_op);
    m_op->clear();
    if (f) {
        for (const QString& o : SegmentFields::operatorsFor(f->type))
            m_op->addItem(SegmentFields::operatorLabel(o), o);
        const int keep = m_op->findData(previous);
        m_op->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    rebuildValue();
    emit changed();
}

void SegmentRuleRow::rebuildValue()
{
    delete m_value;
    m_value = nullptr;
    const SegmentField* f = field();
    if (!f)
        return;
    const ValueKind kind = kindFor(*f, op());
    if (kind == ValueKind::None)
        return;
    m_value = new QWidget(this);
    m_value->setObjectName(QStringLiteral("segmentRuleValue"));
    m_value->setProperty("kind", int(kind));
    auto* box = new QHBoxLayout(m_value);
    box->setContentsMargins(0, 0, 0, 0);
    auto notify = [this] { emit changed(); };
    switch (kind) {
    case ValueKind::Text:
    case ValueKind::List: {
        auto* e = new QLineEdit(m_value);
        e->setMinimumWidth(e->fontMetrics().averageCharWidth() * 28);
        e->setPlaceholderText(kind == ValueKind::List ? tr("Values separated by commas") : tr("Value"));
        connect(e, &QLineEdit::textChanged, this, notify);
        box->addWidget(e);
        break;
    }
    case ValueKind::Choice: {
        auto* c = new QComboBox(m_value);
        c->setMinimumContentsLength(20);
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->addItems(f->choices);
        const bool free = f->choices.isEmpty();
        c->setEditable(free);
        if (free)
            c->lineEdit()->setPlaceholderText(f->type == SegmentField::Type::Tags ? tr("Tag") : tr("Value"));
        connect(c, &QComboBox::currentTextChanged, this, notify);
        box->addWidget(c);
        break;
    }
    case ValueKind::Country: {
        auto* c = new CountryComboBox(m_value);
        connect(c, &CountryComboBox::codeChanged, this, notify);
        box->addWidget(c);
        break;
    }
    case ValueKind::Number:
    case ValueKind::NumberRange:
        for (int i = 0; i < (kind == ValueKind::NumberRange ? 2 : 1); ++i) {
            if (i == 1)
                box->addWidget(new QLabel(tr("and"), m_value));
            auto* e = numberEdit(m_value);
            connect(e, &QDoubleSpinBox::valueChanged, this, notify);
            box->addWidget(e);
        }
        break;
    case ValueKind::Date:
    case ValueKind::DateRange:
        for (int i = 0; i < (kind == ValueKind::DateRange ? 2 : 1); ++i) {
            if (i == 1)
                box->addWidget(new QLabel(tr("and"), m_value));
            auto* e = dateEdit(m_value);
            connect(e, &QDateEdit::dateChanged, this, notify);
            box->addWidget(e);
        }
        break;
    case ValueKind::Days: {
        auto* e = new QSpinBox(m_value);
        e->setRange(0, 36500);
        e->setValue(30);
        e->setSuffix(tr(" days"));
        connect(e, &QSpinBox::valueChanged, this, notify);
        box->addWidget(e);
        break;
    }
    case ValueKind::None:
        break;
    }
    box->addStretch(1);
    m_valueBox->addWidget(m_value);
}

void SegmentRuleRow::setRule(const QJsonObject& rule)
{
    m_saved = {};
    m_loading = true;
    const bool shown = showRule(rule);
    m_loading = false;
    // A rule that names a field, an operator or a choice that no longer exists (removed through sync, say)
    // is not shown as some other rule that would then be counted, exported, bulk-edited and saved: the row
    // keeps it as it was saved (its count then says what is wrong) until the user changes the row.
    if (!shown) {
        m_saved = rule;
        setToolTip(tr("This rule names a field, a condition or a choice that no longer exists. It is kept as it was "
                      "saved until you change it."));
    } else {
        setToolTip(QString());
    }
}

bool SegmentRuleRow::showRule(const QJsonObject& rule)
{
    bool shown = true;
    {
        const QSignalBlocker block(m_field);
        const QString key = rule.value(QStringLiteral("field")).toString();
        int at = m_field->findData(key);
        if (at < 0) {
            // A retired custom field still in use keeps its label; a field gone altogether says so.
            shown = m_fields.find(key) != nullptr;
            m_field->addItem(shown ? m_fields.find(key)->label : tr("(a field that no longer exists)"), key);
            at = m_field->count() - 1;
        }
        m_field->setCurrentIndex(at);
    }
    fieldChosen();
    {
        const QSignalBlocker block(m_op);
        const int at = m_op->findData(rule.value(QStringLiteral("op")).toString());
        shown = shown && at >= 0;
        m_op->setCurrentIndex(std::max(at, 0));
    }
    rebuildValue();
    const SegmentField* f = field();
    if (!m_value || !f)
        return shown;
    const QJsonValue v = rule.value(QStringLiteral("value"));
    const bool utc = utcDays(*f);
    switch (ValueKind(m_value->property("kind").toInt())) {
    case ValueKind::Text:
        m_value->findChild<QLineEdit*>()->setText(v.toString());
        break;
    case ValueKind::List: {
        QStringList items;
        for (const QJsonValue& item : v.toArray())
            items << item.toString();
        m_value->findChild<QLineEdit*>()->setText(items.join(QStringLiteral(", ")));
        break;
    }
    case ValueKind::Choice: {
        auto* choice = m_value->findChild<QComboBox*>();
        choice->setCurrentText(v.toString());
        shown = shown && choice->currentText() == v.toString();
        break;
    }
    case ValueKind::Country:
        m_value->findChild<CountryComboBox*>()->setCode(v.toString());
        break;
    case ValueKind::Number:
        m_value->findChild<QDoubleSpinBox*>()->setValue(v.toDouble());
        break;
    case ValueKind::NumberRange: {
        const auto edits = m_value->findChildren<QDoubleSpinBox*>();
        edits.at(0)->setValue(v.toArray().at(0).toDouble());
        edits.at(1)->setValue(v.toArray().at(1).toDouble());
        break;
    }
    case ValueKind::Date:
        m_value->findChild<QDateEdit*>()->setDate(dayOf(qint64(v.toDouble()), utc));
        break;
    case ValueKind::DateRange: {
        const auto edits = m_value->findChildren<QDateEdit*>();
        edits.at(0)->setDate(dayOf(qint64(v.toArray().at(0).toDouble()), utc));
        edits.at(1)->setDate(dayOf(qint64(v.toArray().at(1).toDouble()), utc));
        break;
    }
    case ValueKind::Days:
        m_value->findChild<QSpinBox*>()->setValue(v.toInt());
        break;
    case ValueKind::None:
        break;
    }
    return shown;
}

QJsonObject SegmentRuleRow::rule() const
{
    if (!m_saved.isEmpty())
        return m_saved;
    QJsonObject r{{QStringLiteral("field"), m_field->currentData().toString()}, {QStringLiteral("op"), op()}};
    const SegmentField* f = field();
    if (!m_value || !f)
        return r;
    const bool utc = utcDays(*f);
    QJsonValue v;
    switch (ValueKind(m_value->property("kind").toInt())) {
    case ValueKind::Text:
        v = m_value->findChild<QLineEdit*>()->text().trimmed();
        break;
    case ValueKind::List: {
        QJsonArray items;
        for (const QString& part : m_value->findChild<QLineEdit*>()->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!part.trimmed().isEmpty())
                items.append(part.trimmed());
        v = items;
        break;
    }
    case ValueKind::Choice:
        v = m_value->findChild<QComboBox*>()->currentText().trimmed();
        break;
    case ValueKind::Country:
        v = m_value->findChild<CountryComboBox*>()->code();
        break;
    case ValueKind::Number:
        v = m_value->findChild<QDoubleSpinBox*>()->value();
        break;
    case ValueKind::NumberRange: {
        const auto edits = m_value->findChildren<QDoubleSpinBox*>();
        v = QJsonArray{edits.at(0)->value(), edits.at(1)->value()};
        break;
    }
    case ValueKind::Date: {
        // "before" a day: before it starts; "after" a day: after it ends.
        const QDate d = m_value->findChild<QDateEdit*>()->date();
        v = double(op() == QLatin1String("after") ? dayStart(d.addDays(1), utc) - 1 : dayStart(d, utc));
        break;
    }
    case ValueKind::DateRange: {
        const auto edits = m_value->findChildren<QDateEdit*>();
        v = QJsonArray{double(dayStart(edits.at(0)->date(), utc)), double(dayStart(edits.at(1)->date().addDays(1), utc) - 1)};
        break;
    }
    case ValueKind::Days:
        v = m_value->findChild<QSpinBox*>()->value();
        break;
    case ValueKind::None:
        break;
    }
    r.insert(QStringLiteral("value"), v);
    return r;
}

// ---- SegmentGroupEditor --------------------------------------------------------------------------------

SegmentGroupEditor::SegmentGroupEditor(const SegmentFields& fields, int depth, QWidget* parent)
    : QFrame(parent)
    , m_fields(fields)
    , m_depth(depth)
    , m_match(new QComboBox(this))
    , m_children(new QVBoxLayout)
    , m_addGroup(new QToolButton(this))
{
    setObjectName(depth == 0 ? QStringLiteral("segmentRootGroup") : QStringLiteral("segmentGroup"));
    m_match->setObjectName(QStringLiteral("segmentGroupMatch"));
    if (depth > 0) {
        setFrameShape(QFrame::StyledPanel);
        setBackgroundRole(QPalette::AlternateBase);
        setAutoFillBackground(true);
    }
    m_match->addItem(tr("all of these rules"), QStringLiteral("all"));
    m_match->addItem(tr("any of these rules"), QStringLiteral("any"));
    auto* addRuleButton = new QToolButton(this);
    addRuleButton->setObjectName(QStringLiteral("segmentAddRule"));
    addRuleButton->setText(tr("Add Rule"));
    addRuleButton->setIcon(themedIcon(QStringLiteral("add")));
    addRuleButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_addGroup->setObjectName(QStringLiteral("segmentAddGroup"));
    m_addGroup->setText(tr("Add Group"));
    m_addGroup->setIcon(themedIcon(QStringLiteral("add")));
    m_addGroup->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_addGroup->setVisible(depth + 1 < kMaxDepth);

    auto* header = new QHBoxLayout;
    header->addWidget(new QLabel(depth == 0 ? tr("Contacts matching") : tr("Matching"), this));
    header->addWidget(m_match);
    header->addStretch(1);
    header->addWidget(addRuleButton);
    header->addWidget(m_addGroup);
    if (depth > 0) {
        auto* remove = iconButton(QStringLiteral("delete"), tr("Remove this group and its rules"), this);
        remove->setObjectName(QStringLiteral("segmentGroupRemove"));
        connect(remove, &QToolButton::clicked, this, &SegmentGroupEditor::removeRequested);
        header->addWidget(remove);
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(depth == 0 ? 0 : 8, depth == 0 ? 0 : 6, depth == 0 ? 0 : 8, depth == 0 ? 0 : 8);
    layout->addLayout(header);
    m_children->setContentsMargins(depth == 0 ? 0 : 12, 0, 0, 0);
    layout->addLayout(m_children);

    connect(m_match, &QComboBox::currentIndexChanged, this, &SegmentGroupEditor::changed);
    connect(addRuleButton, &QToolButton::clicked, this, [this] {
        addRule();
        emit changed();
    });
    connect(m_addGroup, &QToolButton::clicked, this, [this] {
        addGroup()->addRule();
        emit changed();
    });
}

SegmentRuleRow* SegmentGroupEditor::addRule(const QJsonObject& rule)
{
    auto* row = new SegmentRuleRow(m_fields, this);
    if (!rule.isEmpty())
        row->setRule(rule);
    connect(row, &SegmentRuleRow::changed, this, &SegmentGroupEditor::changed);
    connect(row, &SegmentRuleRow::removeRequested, this, [this, row] { removeChild(row); });
    m_children->addWidget(row);
    return row;
}

SegmentGroupEditor* SegmentGroupEditor::addGroup(const QJsonObject& group)
{
    auto* child = new SegmentGroupEditor(m_fields, m_depth + 1, this);
    if (!group.isEmpty())
        child->setGroup(group);
    connect(child, &SegmentGroupEditor::changed, this, &SegmentGroupEditor::changed);
    connect(child, &SegmentGroupEditor::removeRequested, this, [this, child] { removeChild(child); });
    m_children->addWidget(child);
    return child;
}

void SegmentGroupEditor::removeChild(QWidget* child)
{
    m_children->removeWidget(child);
    child->hide();
    child->deleteLater(); // its button's click is still being delivered
    emit changed();
}

void SegmentGroupEditor::clearChildren()
{
    while (QLayoutItem* item = m_children->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void SegmentGroupEditor::setGroup(const QJsonObject& group)
{
    clearChildren();
    {
        const QSignalBlocker block(m_match);
        m_match->setCurrentIndex(group.value(QStringLiteral("match")).toString() == QLatin1String("any") ? 1 : 0);
    }
    for (const QJsonValue& v : group.value(QStringLiteral("rules")).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.contains(QStringLiteral("rules")) || o.contains(QStringLiteral("match")))
            addGroup(o);
        else
            addRule(o);
    }
}

QJsonObject SegmentGroupEditor::group() const
{
    QJsonArray rules;
    for (int i = 0; i < m_children->count(); ++i) {
        QWidget* w = m_children->itemAt(i)->widget();
        if (auto* row = qobject_cast<SegmentRuleRow*>(w))
            rules.append(row->rule());
        else if (auto* g = qobject_cast<SegmentGroupEditor*>(w))
            rules.append(g->group());
    }
    return QJsonObject{{QStringLiteral("match"), m_match->currentData().toString()}, {QStringLiteral("rules"), rules}};
}

// ---- SegmentRuleEditor ---------------------------------------------------------------------------------

SegmentRuleEditor::SegmentRuleEditor(QWidget* parent)
    : QWidget(parent)
    , m_fields(SegmentFields::standard())
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("segmentRuleEditor"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addStretch(1);
    setFields(m_fields);
}

void SegmentRuleEditor::setFields(const SegmentFields& fields)
{
    const QJsonObject kept = m_root ? m_root->group() : QJsonObject();
    delete m_root;
    m_fields = fields;
    m_root = new SegmentGroupEditor(m_fields, 0, this);
    connect(m_root, &SegmentGroupEditor::changed, this, &SegmentRuleEditor::changed);
    m_layout->insertWidget(0, m_root);
    if (!kept.isEmpty())
        m_root->setGroup(kept);
}

void SegmentRuleEditor::setFilter(const QJsonObject& filter)
{
    m_root->setGroup(filter);
    emit changed();
}

QJsonObject SegmentRuleEditor::filter() const
{
    return m_root->group();
}

} // namespace outpost
