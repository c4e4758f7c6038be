namespace Keel.Monitoring.Drift;

/// <summary>
/// An unevaluated sum <c>Hi + Lo</c> of two doubles (about 32 significant digits): the few sums and products of the
/// one-sided Smirnov distribution whose rounding SciPy avoids the same way (Dekker's error-free transformations).
/// </summary>
internal readonly record struct DoubleDouble(double Hi, double Lo)
{
    public static implicit operator DoubleDouble(double value) => new(value, 0);

    public double Value => Hi + Lo;

    /// <summary>a + b exactly (Knuth's two-sum).</summary>
    public static DoubleDouble TwoSum(double a, double b)
    {
        var s = a + b;
        var bb = s - a;
        return new(s, (a - (s - bb)) + (b - bb));
    }

    /// <summary>a · b exactly, with a fused multiply-add for the rounding error.</summary>
    public static DoubleDouble TwoProduct(double a, double b)
    {
        var p = a * b;
        return new(p, Math.FusedMultiplyAdd(a, b, -p));
    }

    private static DoubleDouble Normalize(double hi, double lo)
    {
        var s = hi + lo;
        return new(s, lo - (s - hi));
    }

    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        var s = TwoSum(a.Hi, b.Hi);
        var t = TwoSum(a.Lo, b.Lo);
        var u = Normalize(s.Hi, s.Lo + t.Hi);
        return Normalize(u.Hi, u.Lo + t.Lo);
    }

    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + -b;

    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        var p = TwoProduct(a.Hi, b.Hi);
        return Normalize(p.Hi, p.Lo + (a.Hi * b.Lo + a.Lo * b.Hi));
    }

    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        var q1 = a.Hi / b.Hi;
        var r = a - b * q1;
        var q2 = r.Hi / b.Hi;
        r -= b * q2;
        var q3 = r.Hi / b.Hi;
        var q = Normalize(q1, q2);
        return q + q3;
    }

    /// <summary>The largest integer not above the value.</summary>
    public DoubleDouble Floor()
    {
        var hi = Math.Floor(Hi);
        return hi == Hi ? Normalize(hi, Math.Floor(Lo)) : new(hi, 0);
    }

    /// <summary>The value as mantissa · 2^exponent with |mantissa| near [0.5, 1), like C's frexp.</summary>
    public DoubleDouble Frexp(out int exponent)
    {
        if (Hi == 0 || !double.IsFinite(Hi)) { exponent = 0; return this; }
        exponent = Math.ILogB(Hi) + 1;
        var hi = Math.ScaleB(Hi, -exponent);
        var lo = Math.ScaleB(Lo, -exponent);
        if (Math.Abs(hi) == 0.5 && lo != 0 && Math.Sign(lo) != Math.Sign(hi))
        {
            // Just below a power of two: keep the mantissa's magnitude in (0.5, 1].
            exponent--;
            hi *= 2;
            lo *= 2;
        }
        return new(hi, lo);
    }

    public DoubleDouble ScaleB(int exponent) => new(Math.ScaleB(Hi, exponent), Math.ScaleB(Lo, exponent));
}
