using System.Globalization;
using SkillsGap.Core.Domain;

namespace SkillsGap.Samples;

/// <summary>A role of the sample organisation: its framework, its family and whether its family is kept as an XLSX matrix.</summary>
public sealed record SampleRole(RoleCode Code, string Title, string Family, IReadOnlyList<RoleRequirement> Requirements, bool InMatrix);

/// <summary>
/// The fixed part of the sample organisation: skills taxonomy, role frameworks and badge catalogue.
/// Only the people and their award history depend on the seed.
/// </summary>
public static class SampleCatalogue
{
    /// <summary>The family whose roles are written as <c>roles-matrix.xlsx</c> (no weights: the matrix form has none, so 3).</summary>
    public const string MatrixFamily = "Business";

    /// <summary>The stackable credential of the catalogue: four Advanced Excel micro-credentials and a capstone.</summary>
    public static readonly BadgeId ExcelStack = new("EXCEL-ADV");

    // code, name, category, aliases (a;b)
    private static readonly (string Code, string Name, string Category, string Aliases)[] SkillRows =
    [
        ("SQL", "SQL querying", "data", "Structured Query Language;T-SQL"),
        ("DATA-MODEL", "Data modelling", "data", "Data modeling"),
        ("ETL", "ETL and data pipelines", "data", "Data pipelines;ELT"),
        ("DATA-WAREHOUSE", "Data warehousing", "data", "DWH"),
        ("DATA-QUALITY", "Data quality management", "data", ""),
        ("DATA-GOV", "Data governance", "data", ""),
        ("SPARK", "Apache Spark", "data", "PySpark;Databricks"),
        ("STREAMING", "Stream processing", "data", "Kafka;Event streaming"),
        ("EXCEL", "Spreadsheet analysis", "analytics", "MS Excel;Spreadsheets"),
        ("EXCEL-PIVOT", "Pivot tables", "analytics", "PivotTables"),
        ("EXCEL-FMT", "Data formatting", "analytics", "Conditional formatting"),
        ("EXCEL-MINING", "Data mining", "analytics", ""),
        ("EXCEL-PQ", "Power Query", "analytics", "Get & Transform"),
        ("STATS", "Statistics", "analytics", "Statistical analysis"),
        ("DATA-VIZ", "Data visualisation", "analytics", "Data visualization;Dashboards"),
        ("POWERBI", "Power BI", "analytics", "PBI;DAX"),
        ("TABLEAU", "Tableau", "analytics", ""),
        ("PY", "Python", "analytics", "Python 3"),
        ("R", "R programming", "analytics", "R language"),
        ("ML", "Machine learning", "analytics", "ML"),
        ("DEEP-LEARNING", "Deep learning", "analytics", "Neural networks"),
        ("NLP", "Natural language processing", "analytics", ""),
        ("EXPERIMENT", "Experimentation and A/B testing", "analytics", "A/B testing"),
        ("FORECAST", "Forecasting", "analytics", "Time series forecasting"),
        ("CSHARP", "C# and .NET", "software", "C#;C-sharp;.NET"),
        ("JAVA", "Java", "software", ""),
        ("JS", "JavaScript", "software", "ECMAScript"),
        ("TS", "TypeScript", "software", ""),
        ("WEB-API", "API design", "software", "REST;Web APIs"),
        ("GIT", "Version control", "software", "Git"),
        ("TESTING", "Automated testing", "software", "Unit testing;Test automation"),
        ("DESIGN-PATTERNS", "Software design", "software", "Design patterns"),
        ("ARCH", "Software architecture", "software", "Solution architecture"),
        ("CICD", "CI/CD", "software", "Continuous integration;Continuous delivery"),
        ("AZURE", "Microsoft Azure", "cloud", "Azure"),
        ("AWS", "Amazon Web Services", "cloud", "AWS"),
        ("DOCKER", "Containers", "cloud", "Docker"),
        ("K8S", "Kubernetes", "cloud", "K8s"),
        ("IAC", "Infrastructure as code", "cloud", "Terraform;Bicep"),
        ("LINUX", "Linux administration", "cloud", ""),
        ("MONITORING", "Observability and monitoring", "cloud", "Observability"),
        ("SEC-FUND", "Security fundamentals", "security", "Cyber security awareness"),
        ("SEC-APP", "Application security", "security", "AppSec;Secure coding"),
        ("SEC-NET", "Network security", "security", ""),
        ("SEC-IR", "Incident response", "security", "Incident handling"),
        ("SEC-CLOUD", "Cloud security", "security", ""),
        ("SEC-GRC", "Governance, risk and compliance", "security", "GRC"),
        ("PRIVACY", "Data protection", "security", "GDPR;Privacy"),
        ("PM-FUND", "Project management", "project management", ""),
        ("AGILE", "Agile delivery", "project management", "Scrum;Kanban"),
        ("PLANNING", "Planning and scheduling", "project management", ""),
        ("RISK", "Risk management", "project management", ""),
        ("STAKEHOLDER", "Stakeholder management", "project management", ""),
        ("BUDGET", "Budgeting and cost control", "project management", ""),
        ("REQ", "Requirements analysis", "business analysis", "Requirements engineering"),
        ("PROCESS", "Process modelling", "business analysis", "BPMN"),
        ("BIZ-CASE", "Business case development", "business analysis", ""),
        ("FIN-ACC", "Financial accounting", "finance", "Accounting"),
        ("FIN-MODEL", "Financial modelling", "finance", "Financial modeling"),
        ("FIN-REPORT", "Management reporting", "finance", "FP&A"),
        ("FIN-IFRS", "IFRS reporting", "finance", "IFRS"),
        ("COMM-WRITE", "Business writing", "communication", ""),
        ("COMM-PRESENT", "Presenting", "communication", "Public speaking"),
        ("STORYTELLING", "Data storytelling", "communication", ""),
        ("NEGOTIATION", "Negotiation", "communication", ""),
        ("LEAD-PEOPLE", "People management", "leadership", "Line management"),
        ("COACHING", "Coaching and mentoring", "leadership", "Mentoring"),
        ("LEAD-CHANGE", "Change management", "leadership", ""),
        ("STRATEGY", "Strategic thinking", "leadership", "Strategy"),
        ("LEAD-HIRING", "Hiring and interviewing", "leadership", ""),
    ];

    // code, title, family, requirements as SKILL:level:weight with a trailing ! when critical.
    // Two required levels are beyond the catalogue on purpose: SEC-IR 4 (best badge: 3) and STRATEGY 5 (best badge: 4).
    private static readonly (string Code, string Title, string Family, string Requirements)[] RoleRows =
    [
        ("DATA-ANALYST", "Data Analyst", "Data",
            "SQL:3:5!;EXCEL:3:4;EXCEL-PIVOT:3:3;DATA-VIZ:3:4;POWERBI:3:3;STATS:2:3;STORYTELLING:2:2;COMM-PRESENT:2:2;DATA-QUALITY:2:2;PRIVACY:2:2!"),
        ("SR-DATA-ANALYST", "Senior Data Analyst", "Data",
            "SQL:4:5!;EXCEL:4:3;EXCEL-PIVOT:4:3;EXCEL-MINING:3:3;POWERBI:4:4!;DATA-VIZ:3:3;STATS:3:4;PY:3:3;STORYTELLING:3:3;DATA-MODEL:3:3;PRIVACY:2:2!;COACHING:2:1"),
        ("DATA-ENG", "Data Engineer", "Data",
            "SQL:4:5!;PY:3:4!;ETL:4:5!;DATA-MODEL:3:4;DATA-WAREHOUSE:3:4;SPARK:3:3;STREAMING:2:2;CICD:2:2;GIT:3:3;AZURE:2:2;DATA-QUALITY:3:3;PRIVACY:2:2"),
        ("DATA-SCI", "Data Scientist", "Data",
            "PY:4:5!;STATS:4:5!;ML:4:5!;DEEP-LEARNING:3:3;NLP:2:2;EXPERIMENT:3:4;SQL:3:3;DATA-VIZ:3:2;STORYTELLING:3:3;FORECAST:2:2;GIT:2:1"),
        ("JR-DEV", "Junior Developer", "Software",
            "CSHARP:2:5!;GIT:2:4;TESTING:2:3;WEB-API:2:2;SQL:2:2;AGILE:2:2;SEC-FUND:1:3!"),
        ("DEV", "Developer", "Software",
            "CSHARP:3:5!;GIT:3:3;TESTING:3:4;WEB-API:3:4;SQL:3:3;JS:2:2;DESIGN-PATTERNS:3:3;CICD:2:2;SEC-APP:3:3;AGILE:2:2;SEC-FUND:1:3!;DOCKER:2:2"),
        ("SR-DEV", "Senior Developer", "Software",
            "CSHARP:4:5!;ARCH:4:4;DESIGN-PATTERNS:4:4;TESTING:4:3;WEB-API:4:4;CICD:3:3;DOCKER:3:2;AZURE:3:3;SEC-APP:4:3;COACHING:2:2;SQL:3:2;SEC-FUND:1:3!"),
        ("DEVOPS", "DevOps Engineer", "Software",
            "LINUX:3:4!;DOCKER:3:4;K8S:4:4!;IAC:3:4;CICD:4:5!;AZURE:3:3;AWS:2:2;MONITORING:3:3;GIT:3:2;SEC-CLOUD:3:3;PY:2:2;SEC-FUND:1:3!"),
        ("SEC-ENG", "Security Engineer", "Software",
            "SEC-FUND:3:5!;SEC-NET:4:4;SEC-APP:3:3;SEC-IR:4:5!;SEC-CLOUD:3:4;SEC-GRC:3:3;LINUX:3:3;PRIVACY:3:3;AZURE:2:2;PY:2:2;COMM-WRITE:2:1"),
        ("PM", "Project Manager", MatrixFamily,
            "PM-FUND:4:3!;AGILE:3:3;PLANNING:3:3;RISK:3:3;STAKEHOLDER:3:3!;BUDGET:3:3;COMM-PRESENT:3:3;COMM-WRITE:3:3;NEGOTIATION:2:3;EXCEL:2:3;LEAD-CHANGE:2:3"),
        ("BA", "Business Analyst", MatrixFamily,
            "REQ:4:3!;PROCESS:3:3;STAKEHOLDER:3:3;BIZ-CASE:3:3;SQL:2:3;EXCEL:3:3;EXCEL-PIVOT:3:3;DATA-VIZ:2:3;AGILE:2:3;COMM-WRITE:3:3;COMM-PRESENT:2:3"),
        ("FIN-ANALYST", "Finance Analyst", MatrixFamily,
            "FIN-ACC:3:3!;FIN-MODEL:4:3!;FIN-REPORT:3:3;BUDGET:3:3;FORECAST:3:3;EXCEL:4:3;EXCEL-PIVOT:4:3;EXCEL-FMT:3:3;EXCEL-PQ:3:3;POWERBI:2:3;FIN-IFRS:3:3;COMM-PRESENT:2:3"),
        ("TEAM-LEAD", "Team Lead", "Management",
            "LEAD-PEOPLE:3:5!;COACHING:3:4;LEAD-HIRING:2:3;COMM-PRESENT:3:3;COMM-WRITE:3:2;AGILE:2:2;PLANNING:2:2;BUDGET:2:2;LEAD-CHANGE:2:2;SEC-FUND:1:3!;PRIVACY:2:3!"),
        ("DEPT-HEAD", "Head of Department", "Management",
            "LEAD-PEOPLE:4:5!;STRATEGY:3:5;LEAD-CHANGE:3:4;BUDGET:3:4;STAKEHOLDER:3:3;COMM-PRESENT:3:3;NEGOTIATION:3:3;RISK:3:3;COACHING:3:2;LEAD-HIRING:2:2;PRIVACY:2:3!"),
        ("CEO", "Chief Executive Officer", "Management",
            "STRATEGY:5:5!;LEAD-PEOPLE:4:5;LEAD-CHANGE:3:4;NEGOTIATION:3:4;COMM-PRESENT:3:4;FIN-ACC:2:3;RISK:3:3;SEC-GRC:2:2;PRIVACY:2:3"),
    ];

    private const string Academy = "SkillsGap Academy";

    // id, name, issuer, skills, hours, prerequisites (A;B all of, A|B either), valid months (0 = never expires), stack id
    private static readonly (string Id, string Name, string Issuer, string Skills, int Hours, string Prerequisites, int ValidMonths, string Stack)[] BadgeRows =
    [
        ("SQL-101", "SQL Foundations", Academy, "SQL:2", 8, "", 0, ""),
        ("SQL-201", "Intermediate SQL", Academy, "SQL:3;DATA-MODEL:2", 16, "SQL-101", 0, ""),
        ("SQL-301", "Advanced SQL and Query Tuning", Academy, "SQL:4;DATA-WAREHOUSE:2", 24, "SQL-201", 0, ""),
        ("DM-201", "Data Modelling Practitioner", Academy, "DATA-MODEL:3", 20, "SQL-101", 0, ""),
        ("DM-301", "Dimensional Modelling", "Kimball Group", "DATA-MODEL:4;DATA-WAREHOUSE:3", 30, "DM-201", 0, ""),
        ("ETL-201", "Building Data Pipelines", Academy, "ETL:3;SQL:3", 24, "SQL-201|PY-101", 0, ""),
        ("ETL-301", "Orchestrated Data Pipelines", "Astronomer", "ETL:4", 32, "ETL-201;PY-201", 24, ""),
        ("DWH-301", "Cloud Data Warehouse Specialist", "Snowflake", "DATA-WAREHOUSE:4", 40, "DM-301|SQL-301", 24, ""),
        ("DQ-201", "Data Quality Essentials", Academy, "DATA-QUALITY:3", 10, "SQL-101", 0, ""),
        ("DGOV-201", "Data Governance Fundamentals", "DAMA International", "DATA-GOV:2;DATA-QUALITY:2", 12, "", 0, ""),
        ("DGOV-301", "Certified Data Management Professional", "DAMA International", "DATA-GOV:4;DATA-QUALITY:3", 36, "DGOV-201", 36, ""),
        ("SPARK-201", "Apache Spark Developer Associate", "Databricks", "SPARK:3", 30, "PY-201|SQL-201", 24, ""),
        ("SPARK-301", "Spark Performance Engineering", "Databricks", "SPARK:4", 40, "SPARK-201", 24, ""),
        ("STREAM-301", "Event Streaming with Kafka", "Confluent", "STREAMING:3", 32, "ETL-201", 24, ""),
        ("EXCEL-101", "Excel Essentials", Academy, "EXCEL:2", 6, "", 0, ""),
        ("EXCEL-201", "Excel for Analysts", Academy, "EXCEL:3", 12, "EXCEL-101", 0, ""),
        ("XL-PIVOT", "Advanced Excel: Pivot Tables", Academy, "EXCEL-PIVOT:3;EXCEL:3", 8, "EXCEL-201", 0, "EXCEL-ADV"),
        ("XL-FMT", "Advanced Excel: Data Formatting", Academy, "EXCEL-FMT:3", 5, "EXCEL-201", 0, "EXCEL-ADV"),
        ("XL-MINING", "Advanced Excel: Data Mining", Academy, "EXCEL-MINING:3;STATS:2", 10, "EXCEL-201", 0, "EXCEL-ADV"),
        ("XL-PQ", "Advanced Excel: Power Query", Academy, "EXCEL-PQ:3", 8, "EXCEL-201", 0, "EXCEL-ADV"),
        // The stack: its children are its prerequisites by their stack_id; the column stays empty on purpose.
        ("EXCEL-ADV", "Advanced Excel Credential", Academy, "EXCEL:4;EXCEL-PIVOT:4;EXCEL-FMT:4;EXCEL-MINING:4;EXCEL-PQ:4", 4, "", 0, ""),
        ("STATS-101", "Statistics Foundations", Academy, "STATS:2", 12, "", 0, ""),
        ("STATS-201", "Applied Statistics", Academy, "STATS:3;EXPERIMENT:2", 24, "STATS-101", 0, ""),
        ("STATS-301", "Experimental Design and A/B Testing", Academy, "STATS:4;EXPERIMENT:4", 30, "STATS-201", 0, ""),
        ("VIZ-101", "Data Visualisation Basics", Academy, "DATA-VIZ:2", 6, "", 0, ""),
        ("PBI-201", "Power BI Data Analyst Associate", "Microsoft", "POWERBI:3;DATA-VIZ:3", 30, "VIZ-101|EXCEL-201", 12, ""),
        ("PBI-301", "Power BI Advanced Modelling with DAX", "Microsoft", "POWERBI:4;DATA-MODEL:3", 24, "PBI-201", 24, ""),
        ("TAB-201", "Tableau Desktop Specialist", "Tableau", "TABLEAU:3;DATA-VIZ:3", 20, "VIZ-101", 0, ""),
        ("STORY-201", "Data Storytelling", Academy, "STORYTELLING:3;DATA-VIZ:3", 8, "VIZ-101", 0, ""),
        ("PY-101", "Python Foundations", Academy, "PY:2", 12, "", 0, ""),
        ("PY-201", "Python for Data Analysis", Academy, "PY:3;STATS:2", 24, "PY-101", 0, ""),
        ("PY-301", "Advanced Python Engineering", "Python Institute", "PY:4;TESTING:3", 32, "PY-201", 0, ""),
        ("R-201", "R for Data Science", Academy, "R:3;STATS:3", 24, "STATS-101", 0, ""),
        ("ML-201", "Machine Learning Foundations", "Coursera", "ML:3", 40, "PY-201|R-201;STATS-201", 0, ""),
        ("ML-301", "Applied Machine Learning", "Coursera", "ML:4", 50, "ML-201", 0, ""),
        ("DL-301", "Deep Learning Specialisation", "DeepLearning.AI", "DEEP-LEARNING:4", 60, "ML-201", 0, ""),
        ("NLP-301", "Natural Language Processing", "DeepLearning.AI", "NLP:3;DEEP-LEARNING:2", 40, "ML-201", 0, ""),
        ("FCST-201", "Forecasting with Time Series", Academy, "FORECAST:3;STATS:3", 20, "STATS-201", 0, ""),
        ("MLOPS-301", "Azure Data Scientist Associate", "Microsoft", "ML:4;CICD:3;AZURE:3", 45, "ML-201;AZ-900", 12, ""),
        ("GIT-101", "Version Control with Git", Academy, "GIT:2", 4, "", 0, ""),
        ("GIT-201", "Git Branching and Code Review", Academy, "GIT:3", 6, "GIT-101", 0, ""),
        ("CS-101", "C# Fundamentals", Academy, "CSHARP:2", 20, "", 0, ""),
        ("CS-201", "C# and .NET Application Development", "Microsoft", "CSHARP:3;WEB-API:2", 40, "CS-101", 0, ""),
        ("CS-301", "Advanced .NET: Performance and Async", Academy, "CSHARP:4", 40, "CS-201", 0, ""),
        ("JAVA-101", "Java Fundamentals", Academy, "JAVA:2", 20, "", 0, ""),
        ("JAVA-201", "Java SE Programmer", "Oracle", "JAVA:3", 40, "JAVA-101", 0, ""),
        ("JS-101", "JavaScript Essentials", Academy, "JS:2", 16, "", 0, ""),
        ("JS-201", "Modern JavaScript and TypeScript", Academy, "JS:3;TS:3", 30, "JS-101", 0, ""),
        ("API-201", "RESTful API Design", Academy, "WEB-API:3", 12, "CS-101|JAVA-101|JS-101", 0, ""),
        ("API-301", "Distributed Systems and API Gateways", Academy, "WEB-API:4;ARCH:3", 30, "API-201", 0, ""),
        ("TEST-201", "Automated Testing Practitioner", "ISTQB", "TESTING:3", 20, "CS-101|JAVA-101|PY-101", 0, ""),
        ("TEST-301", "Test Automation Engineer", "ISTQB", "TESTING:4", 30, "TEST-201", 0, ""),
        ("DP-201", "Design Patterns in Practice", Academy, "DESIGN-PATTERNS:3", 16, "CS-201|JAVA-201", 0, ""),
        ("ARCH-301", "Software Architecture", Academy, "ARCH:4;DESIGN-PATTERNS:4", 40, "DP-201;API-201", 0, ""),
        ("CICD-201", "CI/CD with GitHub Actions", "GitHub", "CICD:3;GIT:3", 12, "GIT-101", 24, ""),
        ("LINUX-101", "Linux Essentials", "Linux Foundation", "LINUX:2", 16, "", 0, ""),
        ("LINUX-201", "Linux Foundation Certified System Administrator", "Linux Foundation", "LINUX:3", 40, "LINUX-101", 36, ""),
        ("AZ-900", "Azure Fundamentals", "Microsoft", "AZURE:2", 10, "", 0, ""),
        ("AZ-104", "Azure Administrator Associate", "Microsoft", "AZURE:3;MONITORING:2", 40, "AZ-900", 12, ""),
        ("AZ-305", "Azure Solutions Architect Expert", "Microsoft", "AZURE:4;ARCH:3", 50, "AZ-104", 12, ""),
        ("AWS-CP", "AWS Certified Cloud Practitioner", "Amazon Web Services", "AWS:2", 12, "", 36, ""),
        ("AWS-SAA", "AWS Certified Solutions Architect Associate", "Amazon Web Services", "AWS:3;ARCH:3", 40, "AWS-CP", 36, ""),
        ("AWS-SAP", "AWS Certified Solutions Architect Professional", "Amazon Web Services", "AWS:4;ARCH:4", 60, "AWS-SAA", 36, ""),
        ("DOCKER-201", "Containers with Docker", Academy, "DOCKER:3", 12, "LINUX-101", 0, ""),
        ("K8S-201", "Certified Kubernetes Application Developer", "Cloud Native Computing Foundation", "K8S:3", 40, "DOCKER-201", 24, ""),
        ("K8S-301", "Certified Kubernetes Administrator", "Cloud Native Computing Foundation", "K8S:4", 50, "K8S-201", 24, ""),
        ("IAC-201", "Terraform Associate", "HashiCorp", "IAC:3", 24, "AZ-900|AWS-CP", 24, ""),
        ("OBS-201", "Observability and Monitoring", Academy, "MONITORING:3", 16, "LINUX-101|AZ-900", 0, ""),
        ("DEVOPS-301", "DevOps Engineer Expert", "Microsoft", "CICD:4;IAC:3;MONITORING:3", 45, "AZ-104|IAC-201;CICD-201", 12, ""),
        ("SEC-101", "Security Awareness", Academy, "SEC-FUND:1", 2, "", 12, ""),
        ("SEC-201", "Security+", "CompTIA", "SEC-FUND:3;SEC-NET:2", 40, "SEC-101", 36, ""),
        ("SEC-APP-201", "Secure Coding with OWASP", "OWASP Foundation", "SEC-APP:3", 16, "SEC-101;CS-101|JAVA-101|JS-101|PY-101", 0, ""),
        ("SEC-APP-301", "Application Security Practitioner", "(ISC)2", "SEC-APP:4", 36, "SEC-APP-201;SEC-201", 36, ""),
        ("SEC-NET-301", "Network Defence Specialist", "CompTIA", "SEC-NET:4", 45, "SEC-201", 36, ""),
        ("SEC-IR-201", "Incident Handler", "GIAC", "SEC-IR:3", 30, "SEC-201", 36, ""),
        ("SEC-CLOUD-301", "Certified Cloud Security Professional", "(ISC)2", "SEC-CLOUD:4", 50, "SEC-201;AZ-104|AWS-SAA", 36, ""),
        ("GRC-201", "Governance, Risk and Compliance Foundations", Academy, "SEC-GRC:3;RISK:2", 16, "SEC-101", 0, ""),
        ("GDPR-101", "Data Protection Essentials", Academy, "PRIVACY:2", 3, "", 12, ""),
        ("GDPR-201", "Certified Data Protection Practitioner", "IAPP", "PRIVACY:3;DATA-GOV:2", 24, "GDPR-101", 24, ""),
        ("PM-101", "Project Management Foundations", Academy, "PM-FUND:2;PLANNING:2", 12, "", 0, ""),
        ("AGILE-101", "Agile Fundamentals", Academy, "AGILE:2", 4, "", 0, ""),
        ("PSM-I", "Professional Scrum Master I", "Scrum.org", "AGILE:3", 14, "AGILE-101", 0, ""),
        ("PSM-II", "Professional Scrum Master II", "Scrum.org", "AGILE:4;COACHING:2", 30, "PSM-I", 0, ""),
        ("PRINCE2-F", "PRINCE2 Foundation", "PeopleCert", "PM-FUND:3;PLANNING:3", 24, "PM-101", 36, ""),
        ("PRINCE2-P", "PRINCE2 Practitioner", "PeopleCert", "PM-FUND:4;RISK:3", 30, "PRINCE2-F", 36, ""),
        ("PMP", "Project Management Professional", "PMI", "PM-FUND:4;STAKEHOLDER:3;BUDGET:3", 60, "PM-101;AGILE-101|PRINCE2-F", 36, ""),
        ("RISK-201", "Risk Management Practitioner", Academy, "RISK:3", 16, "PM-101|GRC-201", 0, ""),
        ("BA-101", "Business Analysis Foundations", "IIBA", "REQ:2;PROCESS:2", 16, "", 0, ""),
        ("BA-201", "Requirements Engineering", "IIBA", "REQ:3;STAKEHOLDER:2", 24, "BA-101", 0, ""),
        ("BPMN-201", "Process Modelling with BPMN", Academy, "PROCESS:3", 12, "BA-101", 0, ""),
        ("CBAP", "Certified Business Analysis Professional", "IIBA", "REQ:4;BIZ-CASE:3;STAKEHOLDER:3", 60, "BA-201;BPMN-201", 36, ""),
        ("FIN-101", "Finance for Non-Financial Managers", Academy, "FIN-ACC:2;BUDGET:2", 8, "", 0, ""),
        ("FIN-201", "Financial Accounting Practitioner", "ACCA", "FIN-ACC:3", 40, "FIN-101", 0, ""),
        ("FMOD-201", "Financial Modelling in Excel", Academy, "FIN-MODEL:3;EXCEL:3", 24, "FIN-101;EXCEL-201", 0, ""),
        ("FMOD-301", "Advanced Financial Modelling", "Corporate Finance Institute", "FIN-MODEL:4;FORECAST:3", 40, "FMOD-201", 0, ""),
        ("FPA-201", "FP&A Management Reporting", Academy, "FIN-REPORT:3;BUDGET:3", 20, "FIN-201|FMOD-201", 0, ""),
        ("IFRS-301", "Diploma in IFRS", "ACCA", "FIN-IFRS:4;FIN-ACC:4", 60, "FIN-201", 0, ""),
        ("WRITE-101", "Clear Business Writing", Academy, "COMM-WRITE:2", 4, "", 0, ""),
        ("WRITE-201", "Writing for Decision Makers", Academy, "COMM-WRITE:3", 6, "WRITE-101", 0, ""),
        ("PRES-101", "Presenting with Confidence", Academy, "COMM-PRESENT:2", 4, "", 0, ""),
        ("PRES-201", "Executive Presentations", Academy, "COMM-PRESENT:3;STORYTELLING:2", 8, "PRES-101", 0, ""),
        ("NEG-201", "Negotiation Skills", Academy, "NEGOTIATION:3", 12, "PRES-101|WRITE-101", 0, ""),
        ("LEAD-101", "First-Time Manager", Academy, "LEAD-PEOPLE:2;COACHING:1", 12, "", 0, ""),
        ("LEAD-201", "People Leadership Programme", Academy, "LEAD-PEOPLE:3;COACHING:3", 30, "LEAD-101", 0, ""),
        ("LEAD-301", "Senior Leadership Programme", "London Business School", "LEAD-PEOPLE:4;STRATEGY:3;LEAD-CHANGE:3", 60, "LEAD-201", 0, ""),
        ("COACH-201", "Coaching Conversations", Academy, "COACHING:3", 10, "LEAD-101|PSM-I", 0, ""),
        ("CHANGE-201", "Leading Change", "Prosci", "LEAD-CHANGE:3", 16, "LEAD-101|PM-101", 36, ""),
        ("HIRE-101", "Inclusive Hiring and Interviewing", Academy, "LEAD-HIRING:2", 4, "", 24, ""),
        ("STRAT-301", "Strategy Execution", "INSEAD", "STRATEGY:4", 40, "LEAD-201|CBAP", 0, ""),
    ];

    /// <summary>The skills taxonomy, in file order.</summary>
    public static IReadOnlyList<Skill> Skills { get; } = SkillRows
        .Select(r => new Skill(new SkillCode(r.Code), r.Name, r.Category, null,
            r.Aliases.Split(';', StringSplitOptions.RemoveEmptyEntries)))
        .ToArray();

    /// <summary>The role frameworks, in file order; those of <see cref="MatrixFamily"/> go to the XLSX matrix.</summary>
    public static IReadOnlyList<SampleRole> Roles { get; } = RoleRows
        .Select(r => new SampleRole(new RoleCode(r.Code), r.Title, r.Family, ParseRequirements(r.Requirements), r.Family == MatrixFamily))
        .ToArray();

    /// <summary>The badge catalogue as the file states it (a stack's prerequisites column may leave its children implicit).</summary>
    public static IReadOnlyList<Badge> Badges { get; } = BadgeRows
        .Select(r => new Badge(
            new BadgeId(r.Id), r.Name, r.Issuer,
            r.Skills.Split(';').Select(s => s.Split(':')).Select(p => new BadgeSkill(new SkillCode(p[0]), Level(p[1]))).ToArray(),
            r.Hours,
            PrerequisiteRule.Parse(r.Prerequisites),
            r.ValidMonths == 0 ? null : r.ValidMonths,
            r.Stack.Length == 0 ? null : new BadgeId(r.Stack)))
        .ToArray();

    /// <summary>The prerequisites that hold for <paramref name="badge"/>: its own rule plus, for a stack, all its children.</summary>
    public static PrerequisiteRule EffectivePrerequisites(Badge badge, IEnumerable<Badge> catalogue) =>
        badge.Prerequisites.WithAllOf(catalogue.Where(b => b.StackId == badge.Id).Select(b => b.Id));

    private static RoleRequirement[] ParseRequirements(string text) => text.Split(';')
        .Select(item =>
        {
            var critical = item.EndsWith('!');
            var parts = item.TrimEnd('!').Split(':');
            return new RoleRequirement(new SkillCode(parts[0]), Level(parts[1]), int.Parse(parts[2], CultureInfo.InvariantCulture), critical);
        })
        .ToArray();

    private static ProficiencyLevel Level(string text) => new(int.Parse(text, CultureInfo.InvariantCulture));
}
