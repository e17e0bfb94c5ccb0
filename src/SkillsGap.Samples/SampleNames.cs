namespace SkillsGap.Samples;

/// <summary>Name parts for the sample roster: plain ASCII so that e-mail addresses follow from names directly.</summary>
internal static class SampleNames
{
    public static readonly string[] First =
    [
        "Aaron", "Abigail", "Adam", "Adrian", "Aisha", "Alan", "Alex", "Alice", "Amara", "Amelia", "Amir", "Amy", "Andrew", "Anika",
        "Anna", "Arjun", "Ben", "Beth", "Bilal", "Caitlin", "Callum", "Carlos", "Charlotte", "Chloe", "Chris", "Claire", "Connor",
        "Daniel", "David", "Deepa", "Diana", "Dominic", "Eleanor", "Elena", "Eli", "Ella", "Emily", "Emma", "Ethan", "Fatima", "Felix",
        "Finn", "Fiona", "Gabriel", "Grace", "Hannah", "Harry", "Hassan", "Helen", "Henry", "Ibrahim", "Imogen", "Isaac", "Isla",
        "Jack", "James", "Jasmine", "Jessica", "Joanna", "Jonah", "Joseph", "Julia", "Kai", "Karen", "Katie", "Kieran", "Laura",
        "Leah", "Leon", "Liam", "Lily", "Lucas", "Lucy", "Maya", "Mark", "Martha", "Matteo", "Megan", "Mia", "Michael", "Mohammed",
        "Naomi", "Nathan", "Niamh", "Nikhil", "Noah", "Olivia", "Oscar", "Owen", "Patrick", "Priya", "Rachel", "Rahul", "Rebecca",
        "Rhys", "Rosa", "Ruby", "Ryan", "Samir", "Sarah", "Sean", "Sofia", "Sophie", "Tariq", "Thomas", "Tom", "Yusuf", "Zara", "Zoe",
    ];

    public static readonly string[] Last =
    [
        "Adams", "Ahmed", "Ali", "Allen", "Anderson", "Bailey", "Baker", "Banerjee", "Barnes", "Bell", "Bennett", "Brennan", "Brooks",
        "Brown", "Byrne", "Campbell", "Carter", "Chapman", "Chen", "Clarke", "Collins", "Cook", "Cooper", "Costa", "Cox", "Davies",
        "Dawson", "De Vries", "Doherty", "Doyle", "Edwards", "Evans", "Fernandes", "Fischer", "Fisher", "Fleming", "Foster", "Fraser",
        "Gallagher", "Garcia", "Gill", "Gordon", "Graham", "Grant", "Gray", "Green", "Hall", "Hamilton", "Harris", "Hayes", "Hill",
        "Hughes", "Hussain", "Jackson", "Jansen", "Jenkins", "Johnson", "Jones", "Kaur", "Kelly", "Kennedy", "Khan", "King", "Kowalski",
        "Lee", "Lewis", "Lopez", "MacDonald", "Martin", "Mason", "McCarthy", "Mehta", "Miller", "Mitchell", "Moore", "Morgan", "Morris",
        "Murphy", "Murray", "Nguyen", "Novak", "O'Brien", "O'Connor", "Owen", "Palmer", "Parker", "Patel", "Pereira", "Phillips",
        "Price", "Quinn", "Reid", "Richards", "Roberts", "Robertson", "Rossi", "Russell", "Ryan", "Scott", "Shah", "Sharma", "Simpson",
        "Singh", "Smith", "Stewart", "Sullivan", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Walsh", "Ward", "Watson", "White",
        "Williams", "Wilson", "Wood", "Wright", "Young", "Zhang",
    ];

    public static readonly string[] Locations = ["London", "Manchester", "Edinburgh", "Dublin", "Amsterdam", "Remote"];

    /// <summary>Share of each location in <see cref="Locations"/>.</summary>
    public static readonly double[] LocationWeights = [0.34, 0.2, 0.14, 0.12, 0.1, 0.1];
}
