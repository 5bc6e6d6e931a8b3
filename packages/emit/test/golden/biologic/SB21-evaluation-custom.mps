BT-LAB SETTING FILE

Number of linked techniques : 1

Filename : SB21-evaluation-custom.mps

Device : BCS-805
Ecell ctrl range : min = 0.00 V, max = 9.00 V
Electrode material : 
Initial state : 
Electrolyte : 
Comments : cellspec SB21-evaluation / custom, cell SB21 | sequence 0: chamber 25 °C, soak 1 h | check the pouch for swelling
Mass of active material : 0.001 mg
 at x = 0.000
Molecular weight of active material (at x = 0) : 0.001 g/mol
Atomic weight of intercalated ion : 0.001 g/mol
Acquisition started at : xo = 0.000
Number of e- transfered per intercalated ion : 1
for DX = 1, DQ = 26.802 mA.h
Battery capacity : 8.000 mA.h
Electrode surface area : 0.001 cm²
Characteristic mass : 0.001 g
Cycle Definition : Charge/Discharge alternance
Do not turn to OCV between techniques

Technique : 1
Modulo Bat
Ns                  0                   1                   2                   3                   4                   5                   6                   7                   8                   9                   10                  
ctrl_type           Rest                CC                  CV                  Rest                CC                  CC                  Rest                Loop                CC                  CV                  CV                  
Apply I/C           I                   I                   I                   I                   I                   I                   I                   I                   I                   I                   I                   
ctrl1_val                               4.000               4.200                                   8.889               16.000                                                      2.667               4.250               3.700               
ctrl1_val_unit                          mA                  V                                       mA                  mA                                                          mA                  V                   V                   
ctrl1_val_vs                            <None>              Ref                                     <None>              <None>                                                      <None>              Ref                 Ref                 
ctrl2_val                                                                                                                                                                                                                                       
ctrl2_val_unit                                                                                                                                                                                                                                  
ctrl2_val_vs                                                                                                                                                                                                                                    
ctrl3_val                                                                                                                                                                                                                                       
ctrl3_val_unit                                                                                                                                                                                                                                  
ctrl3_val_vs                                                                                                                                                                                                                                    
N                   1.00                1.00                1.00                1.00                1.00                1.00                1.00                1.00                1.00                1.00                1.00                
charge/discharge    Charge              Charge              Charge              Charge              Discharge           Discharge           Charge              Charge              Charge              Charge              Charge              
ctrl_seq            0                   0                   0                   0                   0                   0                   0                   5                   0                   0                   0                   
ctrl_repeat         0                   0                   0                   0                   0                   0                   0                   2                   0                   0                   0                   
ctrl_trigger        Falling Edge        Falling Edge        Falling Edge        Falling Edge        Falling Edge        Falling Edge        Falling Edge        Falling Edge        Falling Edge        Falling Edge        Falling Edge        
ctrl_TO_t           0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               
ctrl_TO_t_unit      d                   d                   d                   d                   d                   d                   d                   d                   d                   d                   d                   
ctrl_Nd             6                   6                   6                   6                   6                   6                   6                   6                   6                   6                   6                   
ctrl_Na             1                   1                   1                   1                   1                   1                   1                   1                   1                   1                   1                   
ctrl_corr           1                   1                   1                   1                   1                   1                   1                   1                   1                   1                   1                   
lim_nb              1                   2                   2                   1                   2                   1                   1                   0                   2                   1                   1                   
lim1_type           Time                Time                |I|                 Time                Ecell               Time                Time                Time                Time                |I|                 Time                
lim1_comp           >                   >                   <                   >                   <                   >                   >                   <                   >                   <                   >                   
lim1_Q              Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             
lim1_value          60.000              5.000               400.000             10.000              2.500               10.000              60.000              0.000               52.143              400.000             30.000              
lim1_value_unit     mn                  h                   µA                  mn                  V                   s                   s                   s                   mn                  µA                  mn                  
lim1_action         Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       
lim1_seq            1                   2                   3                   4                   5                   6                   7                   8                   9                   10                  11                  
lim2_type           Time                Ecell               Time                Time                Time                Time                Time                Time                Ecell               Time                Time                
lim2_comp           <                   >                   >                   <                   >                   <                   <                   <                   >                   <                   <                   
lim2_Q              Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             
lim2_value          0.000               4.200               5.000               0.000               40.500              0.000               0.000               0.000               4.250               0.000               0.000               
lim2_value_unit     s                   V                   h                   s                   mn                  s                   s                   s                   V                   s                   s                   
lim2_action         Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       
lim2_seq            1                   2                   3                   4                   5                   6                   7                   8                   9                   10                  11                  
lim3_type           Time                Time                Time                Time                Time                Time                Time                Time                Time                Time                Time                
lim3_comp           <                   <                   <                   <                   <                   <                   <                   <                   <                   <                   <                   
lim3_Q              Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             Q limit             
lim3_value          0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               
lim3_value_unit     s                   s                   s                   s                   s                   s                   s                   s                   s                   s                   s                   
lim3_action         Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       Next sequence       
lim3_seq            1                   2                   3                   4                   5                   6                   7                   8                   9                   10                  11                  
rec_nb              1                   1                   1                   1                   1                   1                   1                   0                   1                   1                   1                   
rec1_type           Time                Time                Time                Time                Time                Time                Time                Time                Time                Time                Time                
rec1_value          600.000             10.000              10.000              30.000              30.000              0.100               30.000              30.000              30.000              30.000              30.000              
rec1_value_unit     s                   s                   s                   s                   s                   s                   s                   s                   s                   s                   s                   
rec2_type           Time                Time                Time                Time                Time                Time                Time                Time                Time                Time                Time                
rec2_value          0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               
rec2_value_unit     s                   s                   s                   s                   s                   s                   s                   s                   s                   s                   s                   
rec3_type           Time                Time                Time                Time                Time                Time                Time                Time                Time                Time                Time                
rec3_value          0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               0.000               
rec3_value_unit     s                   s                   s                   s                   s                   s                   s                   s                   s                   s                   s                   
E range min (V)     2.000               2.000               2.000               2.000               2.000               2.000               2.000               2.000               2.000               2.000               2.000               
E range max (V)     4.750               4.750               4.750               4.750               4.750               4.750               4.750               4.750               4.750               4.750               4.750               
I Range             10 µA               10 mA               10 mA               10 µA               10 mA               100 mA              10 µA               10 µA               10 mA               10 mA               10 mA               
I Range min         Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               
I Range max         Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               
I Range init        Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               Unset               
auto rest           0                   0                   0                   0                   0                   0                   0                   0                   0                   0                   0                   
Bandwidth           4                   4                   4                   4                   4                   4                   4                   4                   4                   4                   4                   
