Console.WriteLine("skillsgap");
