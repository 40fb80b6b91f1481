-- The Macaulay2 side of nagbridge.
--
-- The Python adapter loads this package once per session (or once per one-shot
-- script) and then calls the functions exported below with data built from plain
-- integers and lists.  Every result is written as one JSON document to a file whose
-- path the adapter chooses; polynomials travel as term lists
--     [[coefficient, [e_0, ..., e_(n-1)]], ...]
-- with the coefficient an exact rational (or, over ZZ/p, an integer) as a string.

newPackage(
    "NagBridge",
    Version => "0.1.0",
    Headline => "CAS side of the nagbridge Python library",
    PackageImports => {"JSON"},
    DebuggingMode => false
)

export {
    "nbImplicitize",
    "nbRequest"
}

-- A coefficient as an exact string: "p/q" over QQ, a representative over ZZ/p.
nbCoefficient = c -> (
    if ring c === QQ then toString c else toString lift(c, ZZ)
)

-- The term list of a polynomial.
nbTerms = f -> apply(listForm f, t -> {nbCoefficient(t#1), t#0})

-- The polynomial of R given by a list of {numerator, denominator, exponents}.
nbPolynomial = (R, K, terms) -> (
    if #terms == 0 then return 0_R;
    sum(terms, t -> ((t#0 * 1_K) / (t#1 * 1_K)) * R_(t#2))
)

-- The Hilbert series of S/J in lowest terms, h(T)/(1-T)^k with k = dim S/J:
-- poincare J is the numerator over (1-T)^(numgens S); (1-T)^(numgens S - k)
-- divides it exactly.  Written as
--     {"numerator": [[coefficient, [i]], ...], "denominator_exponent": k}.
nbHilbertSeries = J -> (
    k := dim J;
    if k < 0 then return hashTable {"numerator" => {}, "denominator_exponent" => 0};
    h := poincare J;
    T := (ring h)_0;
    scan(numgens ring J - k, i -> h = h // (1 - T));
    hashTable {
        "numerator" => apply(listForm h, t -> {toString t#1, t#0}),
        "denominator_exponent" => k
    }
)

-- Run f (a function of no arguments returning a HashTable of results) and write its
-- answer to outPath as JSON, with the name and version of the CAS.
nbRequest = (outPath, f) -> (
    result := f();
    answer := merge(result, hashTable {
        "cas" => "Macaulay2",
        "cas_version" => version#"VERSION"
    }, (a, b) -> a);
    outPath << toJSON answer << endl << close;
)

-- The implicit ideal of the ring map phi: S -> T sending the i-th variable of S to
-- images#i, and the invariants of S/ker(phi) for the standard grading of S.
--   characteristic  0 for QQ, a prime p for ZZ/p
--   sourceDegree    d > 0 if every image is homogeneous of degree d (then phi is
--                   made homogeneous by giving S the degrees d), 0 otherwise
--   method          "kernel" (Macaulay2's kernel of a ring map) or "eliminate"
--                   (elimination of the parameters from the graph ideal)
nbImplicitize = (characteristic, numTarget, images, sourceDegree, method) -> (
    K := if characteristic == 0 then QQ else ZZ/characteristic;
    numSource := #images;
    t := local t;
    x := local x;
    T := K[t_0..t_(numTarget - 1)];
    S := if sourceDegree > 0
        then K[x_0..x_(numSource - 1), Degrees => toList(numSource : sourceDegree)]
        else K[x_0..x_(numSource - 1)];
    imagePolynomials := apply(images, image -> nbPolynomial(T, K, image));

    I := if method == "kernel" then (
        kernel map(T, S, imagePolynomials)
    ) else if method == "eliminate" then (
        graphDegrees := if sourceDegree > 0
            then toList(numTarget : 1) | toList(numSource : sourceDegree)
            else toList(numTarget + numSource : 1);
        graphRing := K[t_0..t_(numTarget - 1), x_0..x_(numSource - 1),
            Degrees => graphDegrees, MonomialOrder => Eliminate numTarget];
        toGraph := map(graphRing, T, take(gens graphRing, numTarget));
        graphIdeal := ideal apply(numSource, i ->
            graphRing_(numTarget + i) - toGraph(imagePolynomials#i));
        fromGraph := map(S, graphRing, toList(numTarget : 0_S) | gens S);
        fromGraph ideal selectInSubring(1, gens gb graphIdeal)
    ) else error("nagbridge: unknown implicitization method " | toString method);

    standard := K[x_0..x_(numSource - 1)];
    J := trim (map(standard, S, gens standard)) I;
    hilbert := hilbertPolynomial(J, Projective => false);
    hashTable {
        "hilbert_series" => nbHilbertSeries J,
        "method" => method,
        "generators" => apply(flatten entries mingens J, nbTerms),
        "groebner_basis" => apply(flatten entries gens gb J, nbTerms),
        "dimension" => dim J,
        "degree" => degree J,
        "hilbert_polynomial" => nbTerms hilbert
    }
)
